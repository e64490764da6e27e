package uk.cpis.server.notifications;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One attempt to deliver one queued notification to one subscription's endpoint, and its outcome
 * recorded in the {@link NotificationOutbox}: the rest-hook of a FHIR R4 Subscription, {@code PUT
 * {endpoint}/AuditEvent/{id}} with the council's view of the record ({@link CouncilView}), or an empty
 * {@code POST {endpoint}} for a subscription without payload. Any answer but 2xx, or no answer, is
 * retried after a back-off that doubles up to {@code max-backoff}, for as long as the subscription is
 * active.
 *
 * <p>Before every attempt the endpoint is checked again ({@link SubscriptionEndpoints}), after a fresh
 * look-up of its host: one that no longer passes is not contacted, and the attempt counts as failed
 * (retried with back-off like an endpoint that does not answer, until the council changes or deletes
 * the subscription).
 *
 * <p>Logs name the delivery, subscription and notification ids and the outcome, never the endpoint,
 * headers or payload.
 */
@Component
class DeliveryAttempt {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempt.class);

    private final NotificationOutbox outbox;
    private final DaoRegistry daoRegistry;
    private final CouncilView councilView;
    private final SubscriptionEndpoints endpoints;
    private final NotificationProperties.Delivery settings;
    private final FhirContext fhirContext;
    private final Clock clock;
    private final MeterRegistry meters;
    private final HttpClient http;
    private final Timer delay;

    DeliveryAttempt(
            NotificationOutbox outbox,
            DaoRegistry daoRegistry,
            CouncilView councilView,
            SubscriptionEndpoints endpoints,
            NotificationProperties properties,
            FhirContext fhirContext,
            Clock clock,
            MeterRegistry meters) {
        this.outbox = outbox;
        this.daoRegistry = daoRegistry;
        this.councilView = councilView;
        this.endpoints = endpoints;
        this.settings = properties.delivery();
        this.fhirContext = fhirContext;
        this.clock = clock;
        this.meters = meters;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .build();
        this.delay = Timer.builder("cpis.notification.delay")
                .description(
                        "From a notification being queued to its delivery being acknowledged by the council's endpoint")
                .publishPercentileHistogram()
                .register(meters);
    }

    void attempt(NotificationOutbox.Delivery delivery) {
        int attempt = delivery.attempts() + 1;
        Optional<Subscription> subscription = subscription(delivery.subscriptionId());
        Instant now = clock.instant();
        if (subscription.isEmpty()) {
            outbox.abandoned(delivery, now, "subscription deleted");
            return;
        }
        Subscription active = subscription.get();
        if (active.getStatus() != Subscription.SubscriptionStatus.ACTIVE
                || (active.hasEnd() && !active.getEnd().toInstant().isAfter(now))) {
            outbox.abandoned(delivery, now, "subscription no longer active");
            return;
        }
        String outcome;
        boolean delivered;
        try {
            Optional<String> refused = endpoints.refusal(active.getChannel().getEndpoint());
            if (refused.isPresent()) {
                // not contacted at all: the host may have been pointed at an internal address since it was checked
                outcome = "endpoint not allowed: " + refused.get();
                delivered = false;
            } else {
                HttpResponse<Void> response =
                        http.send(request(active, delivery), HttpResponse.BodyHandlers.discarding());
                outcome = "HTTP " + response.statusCode();
                delivered = response.statusCode() / 100 == 2;
            }
        } catch (IOException | IllegalArgumentException failed) {
            outcome = failed.getClass().getSimpleName();
            delivered = false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            outbox.retryAt(delivery, clock.instant(), "interrupted");
            return;
        } catch (ResourceNotFoundException | ResourceGoneException recordGone) {
            outbox.abandoned(delivery, clock.instant(), "notification record not found");
            return;
        }
        Instant done = clock.instant();
        Counter.builder("cpis.notification.attempts")
                .description("Notification delivery attempts by result")
                .tag("result", delivered ? "delivered" : "failed")
                .register(meters)
                .increment();
        if (delivered) {
            outbox.delivered(delivery, done, outcome);
            delay.record(Duration.between(delivery.createdAt(), done));
            log.debug(
                    "Notification {} delivered for subscription {} (attempt {})",
                    delivery.notificationId(),
                    delivery.subscriptionId(),
                    attempt);
        } else {
            Duration backoff = backoff(attempt);
            outbox.retryAt(delivery, done.plus(backoff), outcome);
            log.warn(
                    "Notification {} for subscription {} not delivered (attempt {}: {}); next attempt in {} ms",
                    delivery.notificationId(),
                    delivery.subscriptionId(),
                    attempt,
                    outcome,
                    backoff.toMillis());
        }
    }

    private HttpRequest request(Subscription subscription, NotificationOutbox.Delivery delivery) {
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
        String endpoint = channel.getEndpoint().trim();
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(settings.requestTimeout());
        for (StringType header : channel.getHeader()) {
            SubscriptionHeaders.parse(header.getValue())
                    .ifPresent(parsed -> request.header(parsed.name(), parsed.value()));
        }
        request.header("X-CPIS-Notification-Id", delivery.notificationId());
        if (!channel.hasPayload() || channel.getPayload().isBlank()) {
            return request.uri(URI.create(endpoint))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
        }
        AuditEvent event = (AuditEvent) daoRegistry
                .getResourceDao("AuditEvent")
                .read(new IdType("AuditEvent", delivery.notificationId()), new SystemRequestDetails());
        String council = Notifications.councils(event).entrySet().stream()
                .filter(entry -> delivery.councilOds().equals(entry.getValue()))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("");
        AuditEvent view = councilView.of(event, council);
        view.setId(new IdType("AuditEvent", delivery.notificationId()));
        String body = fhirContext.newJsonParser().encodeResourceToString(view);
        String target =
                (endpoint.endsWith("/") ? endpoint : endpoint + "/") + "AuditEvent/" + delivery.notificationId();
        return request.uri(URI.create(target))
                .header("Content-Type", "application/fhir+json; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private Optional<Subscription> subscription(String id) {
        try {
            return Optional.of((Subscription) daoRegistry
                    .getResourceDao("Subscription")
                    .read(new IdType("Subscription", id), new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException gone) {
            return Optional.empty();
        }
    }

    private Duration backoff(int attempt) {
        return backoff(attempt, settings.initialBackoff(), settings.maxBackoff());
    }

    /** initial × 2^(attempt−1), at most max, plus up to 10% jitter so that retries to one endpoint spread out. */
    static Duration backoff(int attempt, Duration initialBackoff, Duration maxBackoff) {
        long initial = Math.max(1, initialBackoff.toMillis());
        long max = Math.max(initial, maxBackoff.toMillis());
        long wait = initial << Math.min(Math.max(attempt, 1) - 1, 30);
        wait = wait <= 0 || wait > max ? max : wait;
        return Duration.ofMillis(wait + ThreadLocalRandom.current().nextLong(wait / 10 + 1));
    }
}
