package uk.cpis.server.profiles;

import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Organization;

/** Which CP-IS profile a stored resource must conform to, whatever its {@code meta.profile} says. */
public final class CpisProfiles {

	public static final String BASE = "https://fhir.cpis.uk/StructureDefinition/";
	public static final String PATIENT = BASE + "cpis-patient";
	public static final String FLAG = BASE + "cpis-flag";
	public static final String ORGANIZATION = BASE + "cpis-organization";
	public static final String LOCAL_AUTHORITY = BASE + "cpis-local-authority";
	public static final String BOARD = BASE + "cpis-board";
	public static final String INFORMATION_SHARING_AGREEMENT = BASE + "cpis-information-sharing-agreement";
	public static final String MISSED_APPOINTMENT = BASE + "cpis-missed-appointment";
	public static final String NOTIFICATION_SUBSCRIPTION = BASE + "cpis-notification-subscription";

	static final String PARTNER_AGENCY_TYPE = "https://fhir.cpis.uk/CodeSystem/cpis-partner-agency-type";
	static final String BOARD_TYPE = "https://fhir.cpis.uk/CodeSystem/cpis-board-type";

	private CpisProfiles() {}

	public static Optional<String> requiredFor(IBaseResource resource) {
		return Optional.ofNullable(switch (resource.fhirType()) {
			case "Patient" -> PATIENT;
			case "Flag" -> FLAG;
			// AuditEvent: written by the server alone (ServerWrittenOnly), from AuditRecords, whose output
			// the tests validate against the profiles; checking every access record again at run time
			// doubled the cost of a look-up.
			case "Organization" -> isLocalAuthority((Organization) resource) ? LOCAL_AUTHORITY : ORGANIZATION;
			case "Group" -> isSharingAgreement((Group) resource) ? INFORMATION_SHARING_AGREEMENT : BOARD;
			case "Appointment" -> MISSED_APPOINTMENT;
			// Subscription: SubscriptionRules checks NOTIFICATION_SUBSCRIPTION last, after the rules that give reasons
			default -> null;
		});
	}

	private static boolean isLocalAuthority(Organization organization) {
		return organization.getType().stream()
				.flatMap(type -> type.getCoding().stream())
				.anyMatch(coding -> PARTNER_AGENCY_TYPE.equals(coding.getSystem())
						&& "local-authority".equals(coding.getCode()));
	}

	private static boolean isSharingAgreement(Group group) {
		return group.getCode().getCoding().stream()
				.anyMatch(coding -> BOARD_TYPE.equals(coding.getSystem())
						&& "information-sharing-agreement".equals(coding.getCode()));
	}
}
