package uk.cpis.server.notifications;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends queued notifications to the councils' endpoints, at least once. Worker threads take due
 * deliveries from the {@link NotificationOutbox}, send each as its subscription asks (the rest-hook
 * of a FHIR R4 Subscription: {@code PUT {endpoint}/AuditEvent/{id}} with the council's view of the
 * record, or an empty {@code POST {endpoint}} for a subscription without payload), and record the
 * outcome. Any answer but 2xx, or no answer, is retried after a back-off that doubles up to
 * {@code max-backoff}, for as long as the subscription is active; the queue is in the database, so
 * retries carry on after a restart. Workers are woken as soon as a notification is committed, and
 * poll the queue as well.
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
public class NotificationDelivery implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);
	private static final int BATCH = 20;
	private static final Duration PURGE_EVERY = Duration.ofHours(1);

	private final NotificationOutbox outbox;
	private final DaoRegistry daoRegistry;
	private final CouncilView councilView;
	private final SubscriptionEndpoints endpoints;
	private final NotificationProperties.Delivery settings;
	private final FhirContext fhirContext;
	private final HttpClient http;
	private final Clock realTime = Clock.systemUTC();
	private final Object signal = new Object();
	private final Timer delay;
	private final MeterRegistry meters;
	private final List<Thread> workers = new ArrayList<>();
	private volatile boolean running;
	private volatile boolean woken;
	private volatile boolean paused;
	private volatile Instant lastPurge = Instant.EPOCH;

	public NotificationDelivery(NotificationOutbox outbox, DaoRegistry daoRegistry, CouncilView councilView,
			SubscriptionEndpoints endpoints, NotificationProperties properties, FhirContext fhirContext, MeterRegistry meters) {
		this.outbox = outbox;
		this.daoRegistry = daoRegistry;
		this.councilView = councilView;
		this.endpoints = endpoints;
		this.settings = properties.delivery();
		this.fhirContext = fhirContext;
		this.meters = meters;
		this.http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.followRedirects(HttpClient.Redirect.NEVER)
				.connectTimeout(settings.connectTimeout())
				.build();
		this.delay = Timer.builder("cpis.notification.delay")
				.description("From a notification being queued to its delivery being acknowledged by the council's endpoint")
				.publishPercentileHistogram()
				.register(meters);
		Gauge.builder("cpis.notifications.pending", this, delivery -> delivery.pendingOrNaN())
				.description("Notification deliveries queued and not yet acknowledged")
				.register(meters);
	}

	/** Wakes the workers: something was queued. */
	public void wake() {
		synchronized (signal) {
			woken = true;
			signal.notifyAll();
		}
	}

	@Override
	public synchronized void start() {
		running = true;
		for (int i = 1; i <= Math.max(1, settings.workers()); i++) {
			Thread worker = new Thread(this::work, "cpis-notify-" + i);
			worker.setDaemon(true);
			worker.start();
			workers.add(worker);
		}
	}

	@Override
	public synchronized void stop() {
		running = false;
		wake();
		for (Thread worker : workers) {
			worker.interrupt();
		}
		for (Thread worker : workers) {
			try {
				worker.join(5_000);
			} catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		workers.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void work() {
		while (running) {
			try {
				int sent = deliverDue();
				if (paused) {
					paused = false;
					log.info("Notification delivery resumed");
				}
				if (sent == 0) {
					purgeNowAndThen();
					awaitWork();
				}
			} catch (RuntimeException failure) {
				// the database is away, most likely: the queue is still there when it is back
				if (!paused) {
					paused = true;
					log.warn("Notification delivery paused after an error ({}); retrying every {}", failure.getClass().getName(),
							settings.pollInterval());
				}
				sleep(settings.pollInterval());
			}
		}
	}

	/** Sends what is due; returns how many deliveries this worker attempted. */
	int deliverDue() {
		int attempted = 0;
		for (NotificationOutbox.Delivery delivery : outbox.due(realTime.instant(), BATCH)) {
			if (!running) {
				break;
			}
			if (outbox.claim(delivery, realTime.instant().plus(settings.lease()))) {
				attempt(delivery);
				attempted++;
			}
		}
		return attempted;
	}

	private void attempt(NotificationOutbox.Delivery delivery) {
		int attempt = delivery.attempts() + 1;
		Optional<Subscription> subscription = subscription(delivery.subscriptionId());
		Instant now = realTime.instant();
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
				HttpResponse<Void> response = http.send(request(active, delivery), HttpResponse.BodyHandlers.discarding());
				outcome = "HTTP " + response.statusCode();
				delivered = response.statusCode() / 100 == 2;
			}
		} catch (IOException | IllegalArgumentException failed) {
			outcome = failed.getClass().getSimpleName();
			delivered = false;
		} catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			outbox.retryAt(delivery, realTime.instant(), "interrupted");
			return;
		} catch (ResourceNotFoundException | ResourceGoneException recordGone) {
			outbox.abandoned(delivery, realTime.instant(), "notification record not found");
			return;
		}
		Instant done = realTime.instant();
		Counter.builder("cpis.notification.attempts").description("Notification delivery attempts by result")
				.tag("result", delivered ? "delivered" : "failed").register(meters).increment();
		if (delivered) {
			outbox.delivered(delivery, done, outcome);
			delay.record(Duration.between(delivery.createdAt(), done));
			log.debug("Notification {} delivered for subscription {} (attempt {})", delivery.notificationId(),
					delivery.subscriptionId(), attempt);
		} else {
			Duration backoff = backoff(attempt);
			outbox.retryAt(delivery, done.plus(backoff), outcome);
			log.warn("Notification {} for subscription {} not delivered (attempt {}: {}); next attempt in {} ms",
					delivery.notificationId(), delivery.subscriptionId(), attempt, outcome, backoff.toMillis());
		}
	}

	private HttpRequest request(Subscription subscription, NotificationOutbox.Delivery delivery) {
		Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
		String endpoint = channel.getEndpoint().trim();
		HttpRequest.Builder request = HttpRequest.newBuilder().timeout(settings.requestTimeout());
		for (StringType header : channel.getHeader()) {
			SubscriptionHeaders.parse(header.getValue()).ifPresent(parsed -> request.header(parsed.name(), parsed.value()));
		}
		request.header("X-CPIS-Notification-Id", delivery.notificationId());
		if (!channel.hasPayload() || channel.getPayload().isBlank()) {
			return request.uri(URI.create(endpoint)).POST(HttpRequest.BodyPublishers.noBody()).build();
		}
		AuditEvent event = (AuditEvent) daoRegistry.getResourceDao("AuditEvent")
				.read(new IdType("AuditEvent", delivery.notificationId()), new SystemRequestDetails());
		String council = Notifications.councils(event).entrySet().stream()
				.filter(entry -> delivery.councilOds().equals(entry.getValue()))
				.map(Map.Entry::getKey).findFirst().orElse("");
		AuditEvent view = councilView.of(event, council);
		view.setId(new IdType("AuditEvent", delivery.notificationId()));
		String body = fhirContext.newJsonParser().encodeResourceToString(view);
		String target = (endpoint.endsWith("/") ? endpoint : endpoint + "/") + "AuditEvent/" + delivery.notificationId();
		return request.uri(URI.create(target))
				.header("Content-Type", "application/fhir+json; charset=utf-8")
				.PUT(HttpRequest.BodyPublishers.ofString(body))
				.build();
	}

	private Optional<Subscription> subscription(String id) {
		try {
			return Optional.of((Subscription) daoRegistry.getResourceDao("Subscription")
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

	private void awaitWork() {
		synchronized (signal) {
			if (!woken && running) {
				try {
					signal.wait(settings.pollInterval().toMillis());
				} catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
			}
			woken = false;
		}
	}

	private void purgeNowAndThen() {
		Instant now = realTime.instant();
		if (Duration.between(lastPurge, now).compareTo(PURGE_EVERY) < 0) {
			return;
		}
		lastPurge = now;
		int purged = outbox.purgeAbandonedBefore(now.minus(settings.retention()));
		if (purged > 0) {
			log.info("Forgot {} notification deliveries abandoned more than {} ago", purged, settings.retention());
		}
	}

	private double pendingOrNaN() {
		try {
			return outbox.pending();
		} catch (RuntimeException unavailable) {
			return Double.NaN;
		}
	}

	private void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		} catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}
}
