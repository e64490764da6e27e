package uk.cpis.server.notifications;

import uk.cpis.server.contract.Codes;
import uk.cpis.server.contract.Profiles;
import uk.cpis.server.contract.Extensions;
import uk.cpis.server.contract.CodeSystems;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

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

	static final String RESPONSIBLE_LA_ROLE = Codes.RESPONSIBLE_LOCAL_AUTHORITY;

	private Notifications() {}

	/** Whether the stored AuditEvent is a notification to the councils it names. */
	public static boolean isNotification(AuditEvent event) {
		return (isUnscheduledAccess(event) || event.getMeta().hasProfile(Profiles.MISSED_APPOINTMENT_AUDITEVENT))
				&& !councils(event).isEmpty();
	}

	static boolean isUnscheduledAccess(AuditEvent event) {
		return event.getMeta().hasProfile(Profiles.ACCESS_AUDITEVENT) && event.getExtension().stream()
				.anyMatch(extension -> Extensions.ACCESS_TYPE.equals(extension.getUrl())
						&& extension.getValue() != null && Codes.UNSCHEDULED.equals(extension.getValue().primitiveValue()));
	}

	/** The councils the event names as responsible local authorities: Organization reference to ODS code. */
	public static Map<String, String> councils(AuditEvent event) {
		Map<String, String> councils = new LinkedHashMap<>();
		for (AuditEvent.AuditEventEntityComponent entity : event.getEntity()) {
			if (isResponsibleCouncil(entity)) {
				Reference what = entity.getWhat();
				String reference = what.getReferenceElement().toUnqualifiedVersionless().getValue();
				if (reference != null) {
					councils.put(reference, what.getIdentifier().getValue());
				}
			}
		}
		return councils;
	}

	static boolean isResponsibleCouncil(AuditEvent.AuditEventEntityComponent entity) {
		return RESPONSIBLE_LA_ROLE.equals(entity.getRole().getCode());
	}

	static boolean hasTag(AuditEvent event, String code) {
		return event.getMeta().getTag().stream()
				.anyMatch(tag -> CodeSystems.NOTIFICATION_TAG.equals(tag.getSystem()) && code.equals(tag.getCode()));
	}

	static Coding tag(String code, String display) {
		return new Coding(CodeSystems.NOTIFICATION_TAG, code, display);
	}
}
