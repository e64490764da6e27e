package uk.cpis.server.notifications;

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

	public static final String TAG_SYSTEM = "https://fhir.cpis.uk/CodeSystem/cpis-notification-tag";
	public static final String REPEAT_ATTENDANCE = "repeat-attendance";
	public static final String MISSED_APPOINTMENT = "missed-appointment";
	public static final String ACCESS_PROFILE = "https://fhir.cpis.uk/StructureDefinition/cpis-access-auditevent";
	public static final String MISSED_APPOINTMENT_PROFILE =
			"https://fhir.cpis.uk/StructureDefinition/cpis-missed-appointment-auditevent";
	static final String ACCESS_TYPE_URL = "https://fhir.cpis.uk/StructureDefinition/cpis-access-type";
	static final String CARE_SETTING_URL = "https://fhir.cpis.uk/StructureDefinition/cpis-care-setting";
	static final String RESPONSIBLE_LA_ROLE = "responsible-local-authority";
	static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
	static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

	private Notifications() {}

	/** Whether the stored AuditEvent is a notification to the councils it names. */
	public static boolean isNotification(AuditEvent event) {
		return (isUnscheduledAccess(event) || event.getMeta().hasProfile(MISSED_APPOINTMENT_PROFILE))
				&& !councils(event).isEmpty();
	}

	static boolean isUnscheduledAccess(AuditEvent event) {
		return event.getMeta().hasProfile(ACCESS_PROFILE) && event.getExtension().stream()
				.anyMatch(extension -> ACCESS_TYPE_URL.equals(extension.getUrl())
						&& extension.getValue() != null && "unscheduled".equals(extension.getValue().primitiveValue()));
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
				.anyMatch(tag -> TAG_SYSTEM.equals(tag.getSystem()) && code.equals(tag.getCode()));
	}

	static Coding tag(String code, String display) {
		return new Coding(TAG_SYSTEM, code, display);
	}
}
