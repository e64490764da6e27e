package uk.cpis.server.notifications;

import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import uk.cpis.server.contract.AccessRecord;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Codes;

/**
 * What a notification to a council is. It is an AuditEvent the server wrote, naming the council as
 * the responsible local authority, of one of two kinds:
 * <ul>
 *   <li>an <b>unscheduled access</b> record ({@code cpis-access-auditevent}, access type unscheduled),
 *       tagged {@code repeat-attendance} when it completes a repeat-attendance pattern;
 *   <li>a <b>missed appointment</b> record ({@code cpis-missed-appointment-auditevent}), tagged
 *       {@code missed-appointment}.
 * </ul>
 * Scheduled (silent) access records and security records are never notifications.
 */
public final class Notifications {

    private Notifications() {}

    /** Whether the stored AuditEvent is a notification to the councils it names. */
    public static boolean isNotification(AuditEvent event) {
        AccessRecord record = AccessRecord.of(event);
        return (record.isUnscheduledAccess() || record.isMissedAppointment())
                && !record.councils().isEmpty();
    }

    /** The councils the event names as responsible local authorities: Organization reference to ODS code. */
    public static Map<String, String> councils(AuditEvent event) {
        return AccessRecord.of(event).councils();
    }

    static boolean isResponsibleCouncil(AuditEvent.AuditEventEntityComponent entity) {
        return Codes.RESPONSIBLE_LOCAL_AUTHORITY.equals(entity.getRole().getCode());
    }

    static Coding tag(String code, String display) {
        return new Coding(CodeSystems.NOTIFICATION_TAG, code, display);
    }
}
