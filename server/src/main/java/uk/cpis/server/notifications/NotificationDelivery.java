package uk.cpis.server.notifications;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends queued notifications to the councils' endpoints, at least once: worker threads take due
 * deliveries from the {@link NotificationOutbox}, claim each for a lease, and make one
 * {@link DeliveryAttempt}. The queue is in the database, so retries carry on after a restart.
 * Workers are woken as soon as a notification is committed, and poll the queue as well; when idle,
 * they forget deliveries abandoned longer ago than {@code retention}. If the database is away,
 * delivery pauses and resumes by itself.
 */
@Component
public class NotificationDelivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);
    private static final int BATCH = 20;
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final NotificationOutbox outbox;
    private final DeliveryAttempt deliveryAttempt;
    private final NotificationProperties.Delivery settings;
    private final Clock clock;
    private final Object signal = new Object();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean woken;
    private volatile boolean paused;
    private volatile Instant lastPurge = Instant.EPOCH;

    public NotificationDelivery(
            NotificationOutbox outbox,
            DeliveryAttempt deliveryAttempt,
            NotificationProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.outbox = outbox;
        this.deliveryAttempt = deliveryAttempt;
        this.settings = properties.delivery();
        this.clock = clock;
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
                    log.warn(
                            "Notification delivery paused after an error ({}); retrying every {}",
                            failure.getClass().getName(),
                            settings.pollInterval());
                }
                sleep(settings.pollInterval());
            }
        }
    }

    /** Sends what is due; returns how many deliveries this worker attempted. */
    int deliverDue() {
        int attempted = 0;
        for (NotificationOutbox.Delivery delivery : outbox.due(clock.instant(), BATCH)) {
            if (!running) {
                break;
            }
            if (outbox.claim(delivery, clock.instant().plus(settings.lease()))) {
                deliveryAttempt.attempt(delivery);
                attempted++;
            }
        }
        return attempted;
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
        Instant now = clock.instant();
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
