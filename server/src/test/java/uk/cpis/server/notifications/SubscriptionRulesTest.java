package uk.cpis.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import uk.cpis.server.fhir.FhirServerProperties;

/** The parts of the notification contract that need no server: endpoints, criteria, headers, back-off. */
class SubscriptionRulesTest {

    static NotificationProperties properties(boolean allowHttpToLoopback, String... allowed) {
        return new NotificationProperties(
                new NotificationProperties.RepeatAttendance(3, Duration.ofDays(30)),
                new NotificationProperties.Delivery(
                        1,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(1),
                        Duration.ofDays(30)),
                new NotificationProperties.Endpoints(allowHttpToLoopback, List.of(allowed)));
    }

    static SubscriptionEndpoints endpoints(boolean allowHttpToLoopback, String serverAddress, String... allowed) {
        return new SubscriptionEndpoints(
                properties(allowHttpToLoopback, allowed),
                new FhirServerProperties(List.of(), List.of(), 20, 200, DataSize.ofMegabytes(1), serverAddress));
    }

    /**
     * With names as a council's DNS might answer them: public, private, loopback, or both. Literals and
     * localhost are looked up as usual, so that the rule sees what it sees in production.
     */
    static SubscriptionEndpoints endpointsWithDns(boolean allowHttpToLoopback, String... allowed) {
        Map<String, List<String>> dns = Map.of(
                "hooks.medway.example", List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"),
                "intranet.medway.example", List.of("10.20.1.5"),
                "rebound.example", List.of("127.0.0.1"),
                "split.example", List.of("93.184.216.34", "192.168.1.1"),
                "metadata.example", List.of("169.254.169.254"),
                "mapped.example", List.of("::ffff:7f00:1"));
        return new SubscriptionEndpoints(
                properties(allowHttpToLoopback, allowed),
                new FhirServerProperties(List.of(), List.of(), 20, 200, DataSize.ofMegabytes(1), ""),
                host -> {
                    List<String> answer = dns.get(EndpointAllowList.normalise(host));
                    if (answer == null) {
                        return InetAddress.getAllByName(host);
                    }
                    return answer.stream().map(EndpointAddresses::literal).toArray(InetAddress[]::new);
                });
    }

    @Test
    void inProductionOnlyHttpsToPublicAddressesIsAccepted() {
        SubscriptionEndpoints production = endpointsWithDns(false);
        assertThat(production.refusal("https://hooks.medway.example/fhir")).isEmpty();
        assertThat(production.refusal("https://hooks.medway.example:8443/fhir")).isEmpty();
        assertThat(production.refusal("https://93.184.216.34/fhir")).isEmpty();
        assertThat(production.refusal("https://[2606:2800:220:1:248:1893:25c8:1946]/fhir"))
                .isEmpty();
        assertThat(production.refusal("http://hooks.medway.example/fhir"))
                .hasValueSatisfying(why -> assertThat(why).contains("https"));
        assertThat(production.refusal("http://127.0.0.1:9999/fhir"))
                .hasValueSatisfying(why -> assertThat(why).contains("https"));
        assertThat(production.refusal("http://localhost:9999/fhir")).isPresent();
    }

    @Test
    void inProductionInternalAddressesAreRefusedInEveryForm() {
        SubscriptionEndpoints production = endpointsWithDns(false);
        for (String endpoint : List.of(
                "https://10.0.0.1/",
                "https://192.168.0.1/",
                "https://172.16.5.4/",
                "https://[::ffff:127.0.0.1]/",
                "https://[::ffff:7f00:1]/",
                "https://[::127.0.0.1]/",
                "https://127.0.0.1:5432/",
                "https://127.0.0.1:9999/fhir",
                "https://localhost:9999/fhir",
                "https://LOCALHOST:9999/fhir",
                "https://REBOUND.example./fhir",
                "https://[::1]/fhir",
                "https://100.64.0.1/",
                "https://169.254.169.254/latest/meta-data",
                "https://[fd00:ec2::254]/",
                "https://[fe80::1]/",
                "https://[fd12::1]/",
                "https://0.0.0.0/",
                "https://[::]/",
                "https://224.0.0.1/",
                "https://[64:ff9b::7f00:1]/",
                "https://[2002:7f00:1::1]/",
                "https://intranet.medway.example/fhir",
                "https://rebound.example/fhir",
                "https://split.example/fhir",
                "https://metadata.example/",
                "https://mapped.example/")) {
            assertThat(production.refusal(endpoint)).as(endpoint).hasValueSatisfying(why -> {
                assertThat(why)
                        .contains("resolves to")
                        .doesNotContain(endpoint)
                        .doesNotContain("127.0.0.1", "10.20.1.5", "169.254.169.254", "fe80::1");
            });
        }
        assertThat(production.refusal("https://169.254.169.254/"))
                .hasValueSatisfying(why -> assertThat(why).contains("metadata"));
        assertThat(production.refusal("https://split.example/"))
                .hasValueSatisfying(why -> assertThat(why).contains("private"));
    }

    @Test
    void oddNumericHostsUserInfoAndOtherSchemesAreRefusedBeforeAnyLookUp() {
        SubscriptionEndpoints production = endpointsWithDns(false, "0.0.0.0/0", "::/0");
        for (String endpoint : List.of(
                "https://2130706433/",
                "http://2130706433/",
                "https://0x7f.1/",
                "https://0x7f000001/",
                "https://0177.0.0.1/",
                "https://127.1/",
                "https://017700000001/",
                "https://127.0.0.1./")) {
            // java.net.URI itself finds no host in some of them (a top label must start with a letter)
            assertThat(production.refusal(endpoint))
                    .as(endpoint)
                    .hasValueSatisfying(why -> assertThat(why).containsAnyOf("dotted-quad", "absolute https URL"));
        }
        for (String endpoint : List.of(
                "https://user:secret@hooks.medway.example/fhir",
                "https://user@hooks.medway.example/fhir",
                "https://hooks.medway.example/fhir#x",
                "ftp://hooks.medway.example/fhir",
                "file:///etc/passwd",
                "gopher://hooks.medway.example/",
                "/relative/fhir",
                "hooks.medway.example/fhir",
                "https:///fhir",
                "https://under_score.example/",
                "not a url",
                "",
                "  ")) {
            assertThat(production.refusal(endpoint)).as(endpoint).isPresent();
        }
    }

    @Test
    void theOperatorAllowListOpensNamedHostsAndRangesButNeverMetadataOrUnspecified() {
        SubscriptionEndpoints allowing = endpointsWithDns(
                false, "intranet.medway.example", "127.0.0.1/32", "fd12::/16", "169.254.0.0/16", "0.0.0.0/8");
        assertThat(allowing.refusal("https://intranet.medway.example/fhir")).isEmpty();
        assertThat(allowing.refusal("https://INTRANET.medway.example./fhir")).isEmpty();
        assertThat(allowing.refusal("https://127.0.0.1:9999/fhir")).isEmpty();
        assertThat(allowing.refusal("https://rebound.example/fhir"))
                .as("resolves into an allowed range")
                .isEmpty();
        assertThat(allowing.refusal("https://[fd12::1]/fhir")).isEmpty();
        assertThat(allowing.refusal("https://169.254.1.1/fhir")).isEmpty();
        assertThat(allowing.refusal("https://10.20.1.5/fhir"))
                .as("the name is allowed, not its address")
                .isPresent();
        assertThat(allowing.refusal("https://split.example/fhir")).isPresent();
        assertThat(allowing.refusal("https://169.254.169.254/"))
                .as("metadata, allowed range or not")
                .isPresent();
        assertThat(allowing.refusal("https://metadata.example/")).isPresent();
        assertThat(allowing.refusal("https://0.0.0.0/")).isPresent();
        assertThat(allowing.refusal("http://intranet.medway.example/fhir"))
                .as("still https only")
                .isPresent();
        assertThat(endpointsWithDns(false, "metadata.example").refusal("https://metadata.example/"))
                .as("even by name")
                .isPresent();
    }

    @Test
    void demoModeAllowsPlainHttpToLoopbackOnly() {
        SubscriptionEndpoints demo = endpointsWithDns(true);
        assertThat(demo.refusal("http://127.0.0.1:9999/fhir")).isEmpty();
        assertThat(demo.refusal("http://localhost:9999/fhir")).isEmpty();
        assertThat(demo.refusal("http://[::1]:9999/fhir")).isEmpty();
        assertThat(demo.refusal("http://192.0.2.10/fhir")).as("not loopback").isPresent();
        assertThat(demo.refusal("http://10.0.0.1/fhir")).isPresent();
        assertThat(demo.refusal("http://split.example/fhir")).isPresent();
        assertThat(demo.refusal("https://127.0.0.1:5432/"))
                .as("https to loopback is no demo listener")
                .isPresent();
        assertThat(demo.refusal("https://localhost:9999/fhir")).isPresent();
        assertThat(demo.refusal("https://[::ffff:127.0.0.1]/")).isPresent();
        assertThat(demo.refusal("https://hooks.medway.example/fhir")).isEmpty();
    }

    @Test
    void neverLinkLocalWildcardUserInfoOrTheServersPublicAddress() {
        SubscriptionEndpoints demo = endpoints(true, "https://localhost:8443/fhir");
        assertThat(demo.refusal("https://169.254.169.254/latest/meta-data")).isPresent();
        assertThat(demo.refusal("https://0.0.0.0/fhir")).isPresent();
        assertThat(demo.refusal("http://0.0.0.0/fhir")).isPresent();
        assertThat(demo.refusal("https://user:secret@127.0.0.1/fhir")).isPresent();
        assertThat(demo.refusal("http://127.0.0.1/fhir#fragment")).isPresent();
        assertThat(demo.refusal("http://localhost:9443/hook"))
                .as("the server's public host")
                .isPresent();
        assertThat(endpoints(false, "https://localhost:8443/fhir", "127.0.0.0/8")
                        .refusal("https://localhost:9443/hook"))
                .as("allowed range or not")
                .isPresent();
        assertThat(demo.refusal("/relative/fhir")).isPresent();
        assertThat(demo.refusal("")).isPresent();
    }

    @Test
    void criteriaNameTheCouncilInAnyOfItsForms() {
        assertThat(SubscriptionCriteria.parse("AuditEvent?responsible-la=00LC")
                        .orElseThrow()
                        .namesOnly("00LC", "Organization/7"))
                .isTrue();
        assertThat(SubscriptionCriteria.parse("AuditEvent?responsible-la=Organization/7")
                        .orElseThrow()
                        .namesOnly("00LC", "Organization/7"))
                .isTrue();
        assertThat(SubscriptionCriteria.parse(
                                "AuditEvent?responsible-la:identifier=https://fhir.nhs.uk/Id/ods-organization-code%7C00LC")
                        .orElseThrow()
                        .namesOnly("00LC", "Organization/7"))
                .isTrue();
        assertThat(SubscriptionCriteria.parse("AuditEvent?responsible-la=00LC,00MC")
                        .orElseThrow()
                        .namesOnly("00LC", "Organization/7"))
                .isFalse();
        assertThat(SubscriptionCriteria.parse("AuditEvent?responsible-la:identifier=other|00LC")
                        .orElseThrow()
                        .namesOnly("00LC", "Organization/7"))
                .isFalse();
        assertThat(SubscriptionCriteria.parse("AuditEvent?access-type=unscheduled"))
                .isEmpty();
        assertThat(SubscriptionCriteria.parse("Flag?responsible-la=00LC")).isEmpty();
        assertThat(SubscriptionCriteria.parse("AuditEvent?responsible-la=00LC&_tag=x%7Cy")
                        .orElseThrow()
                        .narrowingQuery())
                .hasValue("AuditEvent?_tag=x%7Cy");
        assertThat(SubscriptionCriteria.parse("AuditEvent?responsible-la=00LC")
                        .orElseThrow()
                        .narrowingQuery())
                .isEmpty();
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
        assertThat(DeliveryAttempt.backoff(1, initial, max))
                .isBetween(Duration.ofMillis(2000), Duration.ofMillis(2200));
        assertThat(DeliveryAttempt.backoff(2, initial, max))
                .isBetween(Duration.ofMillis(4000), Duration.ofMillis(4400));
        assertThat(DeliveryAttempt.backoff(5, initial, max))
                .isBetween(Duration.ofMillis(32000), Duration.ofMillis(35200));
        assertThat(DeliveryAttempt.backoff(12, initial, max)).isBetween(max, max.plus(max.dividedBy(10)));
        assertThat(DeliveryAttempt.backoff(1000, initial, max)).isBetween(max, max.plus(max.dividedBy(10)));
    }
}
