package uk.cpis.server.notifications;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import java.time.Clock;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.stereotype.Component;

/**
 * The server writes its AuditEvents through the DAO with its own request details, so hooks on the
 * REST server never see them. These hooks are on HAPI's JPA interceptor service instead,
 * which sees every write: an unscheduled access record's care setting is noted when it is stored
 * (the look-up that wrote it already tagged it if it completes a repeat-attendance pattern), and every
 * notification is queued for delivery in the transaction that stores it.
 */
@Component
public class NotificationStorageHooks {

    private final NotificationQueue queue;
    private final Marks marks;

    public NotificationStorageHooks(
            NotificationOutbox outbox,
            ActiveSubscriptions subscriptions,
            SearchParamMatcher matcher,
            NotificationDelivery delivery,
            RepeatAttendance repeatAttendance,
            Clock clock) {
        this.queue = new NotificationQueue(outbox, subscriptions, matcher, clock, delivery::wake);
        this.marks = new Marks(repeatAttendance);
    }

    /** The hooks, for HAPI's storage interceptor service (registered by the server's interceptor chain). */
    public List<Object> interceptors() {
        return List.of(marks, queue);
    }

    @Interceptor
    static class Marks {

        private final RepeatAttendance repeatAttendance;

        Marks(RepeatAttendance repeatAttendance) {
            this.repeatAttendance = repeatAttendance;
        }

        @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
        public void stored(IBaseResource resource) {
            if (resource instanceof AuditEvent access) {
                repeatAttendance.noteVisit(access);
            }
        }
    }
}
