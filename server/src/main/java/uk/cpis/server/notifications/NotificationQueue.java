package uk.cpis.server.notifications;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.matcher.InMemoryMatchResult;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues a delivery for every active subscription of every council a new notification names, in the
 * database transaction that stores the notification (HAPI's pre-commit storage hook, registered on
 * the JPA interceptor service so that it sees the server's own AuditEvent writes), and wakes the
 * delivery workers once that transaction has committed.
 */
@Interceptor
class NotificationQueue {

    private final NotificationOutbox outbox;
    private final ActiveSubscriptions subscriptions;
    private final SearchParamMatcher matcher;
    private final Runnable wakeWorkers;
    private final Clock clock;

    NotificationQueue(
            NotificationOutbox outbox,
            ActiveSubscriptions subscriptions,
            SearchParamMatcher matcher,
            Clock clock,
            Runnable wakeWorkers) {
        this.clock = clock;
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.matcher = matcher;
        this.wakeWorkers = wakeWorkers;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        if (!(resource instanceof AuditEvent event) || !Notifications.isNotification(event)) {
            return;
        }
        String notificationId = event.getIdElement().getIdPart();
        Instant now = clock.instant();
        boolean queued = false;
        for (Map.Entry<String, String> council : Notifications.councils(event).entrySet()) {
            for (ActiveSubscriptions.Active subscription : subscriptions.of(council.getValue(), now)) {
                if (matches(subscription, event)) {
                    outbox.enqueue(notificationId, subscription.id(), council.getValue(), now);
                    queued = true;
                }
            }
        }
        if (queued && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeWorkers.run();
                }
            });
        }
    }

    /** The council is already the subscription's own; the rest of its criteria are matched in memory by HAPI. */
    private boolean matches(ActiveSubscriptions.Active subscription, AuditEvent event) {
        Optional<String> narrowing =
                SubscriptionCriteria.parse(subscription.criteria()).flatMap(SubscriptionCriteria::narrowingQuery);
        if (narrowing.isEmpty()) {
            return true;
        }
        InMemoryMatchResult result = matcher.match(narrowing.get(), event, new SystemRequestDetails());
        return result.supported() && result.matched();
    }
}
