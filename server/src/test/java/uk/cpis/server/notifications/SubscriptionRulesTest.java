package uk.cpis.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import uk.cpis.server.fhir.FhirServerProperties;

/** The parts of the notification contract that need no server: endpoints, criteria, headers, back-off. */
class SubscriptionRulesTest {

	static NotificationProperties properties(boolean allowHttpToLoopback) {
		return new NotificationProperties(new NotificationProperties.RepeatAttendance(3, Duration.ofDays(30)),
				new NotificationProperties.Delivery(1, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(5),
						Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofDays(30)),
				new NotificationProperties.Endpoints(allowHttpToLoopback));
	}

	static SubscriptionEndpoints endpoints(boolean allowHttpToLoopback, String serverAddress) {
		return new SubscriptionEndpoints(properties(allowHttpToLoopback),
				new FhirServerProperties(List.of(), List.of(), 20, 200, DataSize.ofMegabytes(1), serverAddress));
	}

	@Test
	void inProductionOnlyHttpsIsAcceptedEvenOnLoopback() {
		SubscriptionEndpoints production = endpoints(false, "");
		assertThat(production.refusal("http://127.0.0.1:9999/fhir")).hasValueSatisfying(why -> assertThat(why).contains("https"));
		assertThat(production.refusal("http://localhost:9999/fhir")).isPresent();
		assertThat(production.refusal("https://127.0.0.1:9999/fhir")).isEmpty();
	}

	@Test
	void demoModeAllowsPlainHttpToLoopbackOnly() {
		SubscriptionEndpoints demo = endpoints(true, "");
		assertThat(demo.refusal("http://127.0.0.1:9999/fhir")).isEmpty();
		assertThat(demo.refusal("http://localhost:9999/fhir")).isEmpty();
		assertThat(demo.refusal("http://192.0.2.10/fhir")).as("not loopback").isPresent();
	}

	@Test
	void neverLinkLocalWildcardUserInfoOrTheServersPublicAddress() {
		SubscriptionEndpoints demo = endpoints(true, "https://localhost:8443/fhir");
		assertThat(demo.refusal("https://169.254.169.254/latest/meta-data")).isPresent();
		assertThat(demo.refusal("https://0.0.0.0/fhir")).isPresent();
		assertThat(demo.refusal("https://user:secret@127.0.0.1/fhir")).isPresent();
		assertThat(demo.refusal("https://127.0.0.1/fhir#fragment")).isPresent();
		assertThat(demo.refusal("https://localhost:9443/hook")).as("the server's public host").isPresent();
		assertThat(demo.refusal("/relative/fhir")).isPresent();
		assertThat(demo.refusal("")).isPresent();
	}

	@Test
	void criteriaNameTheCouncilInAnyOfItsForms() {
		assertThat(SubscriptionCriteria.parse("AuditEvent?responsible-la=00LC").orElseThrow().namesOnly("00LC", "Organization/7")).isTrue();
		assertThat(SubscriptionCriteria.parse("AuditEvent?responsible-la=Organization/7").orElseThrow().namesOnly("00LC", "Organization/7")).isTrue();
		assertThat(SubscriptionCriteria.parse("AuditEvent?responsible-la:identifier=https://fhir.nhs.uk/Id/ods-organization-code%7C00LC")
				.orElseThrow().namesOnly("00LC", "Organization/7")).isTrue();
		assertThat(SubscriptionCriteria.parse("AuditEvent?responsible-la=00LC,00MC").orElseThrow().namesOnly("00LC", "Organization/7")).isFalse();
		assertThat(SubscriptionCriteria.parse("AuditEvent?responsible-la:identifier=other|00LC").orElseThrow().namesOnly("00LC", "Organization/7"))
				.isFalse();
		assertThat(SubscriptionCriteria.parse("AuditEvent?access-type=unscheduled")).isEmpty();
		assertThat(SubscriptionCriteria.parse("Flag?responsible-la=00LC")).isEmpty();
		assertThat(SubscriptionCriteria.parse("AuditEvent?responsible-la=00LC&_tag=x%7Cy").orElseThrow().narrowingQuery())
				.hasValue("AuditEvent?_tag=x%7Cy");
		assertThat(SubscriptionCriteria.parse("AuditEvent?responsible-la=00LC").orElseThrow().narrowingQuery()).isEmpty();
	}

	@Test
	void headersAreNameValuePairsOutsideTheExchangeItself() {
		assertThat(SubscriptionHeaders.parse("Authorization: Bearer abc")).hasValueSatisfying(header -> {
			assertThat(header.name()).isEqualTo("Authorization");
			assertThat(header.value()).isEqualTo("Bearer abc");
		});
		assertThat(SubscriptionHeaders.parse("Host: elsewhere")).isEmpty();
		assertThat(SubscriptionHeaders.parse("Content-Length: 5")).isEmpty();
		assertThat(SubscriptionHeaders.parse("no colon")).isEmpty();
		assertThat(SubscriptionHeaders.parse("X-Evil: a\r\nHost: b")).isEmpty();
	}

	@Test
	void retriesBackOffExponentiallyUpToTheMaximum() {
		Duration initial = Duration.ofSeconds(2);
		Duration max = Duration.ofMinutes(5);
		assertThat(NotificationDelivery.backoff(1, initial, max)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(2200));
		assertThat(NotificationDelivery.backoff(2, initial, max)).isBetween(Duration.ofMillis(4000), Duration.ofMillis(4400));
		assertThat(NotificationDelivery.backoff(5, initial, max)).isBetween(Duration.ofMillis(32000), Duration.ofMillis(35200));
		assertThat(NotificationDelivery.backoff(12, initial, max)).isBetween(max, max.plus(max.dividedBy(10)));
		assertThat(NotificationDelivery.backoff(1000, initial, max)).isBetween(max, max.plus(max.dividedBy(10)));
	}
}
