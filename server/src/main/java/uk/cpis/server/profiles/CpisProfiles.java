package uk.cpis.server.profiles;

import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Organization;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Codes;
import uk.cpis.server.contract.Profiles;

/** Which CP-IS profile a stored resource must conform to, whatever its {@code meta.profile} says. */
public final class CpisProfiles {

    private CpisProfiles() {}

    public static Optional<String> requiredFor(IBaseResource resource) {
        return Optional.ofNullable(
                switch (resource.fhirType()) {
                    case "Patient" -> Profiles.PATIENT;
                    case "Flag" -> Profiles.FLAG;
                    // AuditEvent: written by the server alone (ServerWrittenOnly), from AuditRecords, whose output
                    // the tests validate against the profiles; checking every access record again at run time
                    // would be a second validation on every look-up.
                    case "Organization" ->
                        isLocalAuthority((Organization) resource) ? Profiles.LOCAL_AUTHORITY : Profiles.ORGANIZATION;
                    case "Group" ->
                        isSharingAgreement((Group) resource) ? Profiles.INFORMATION_SHARING_AGREEMENT : Profiles.BOARD;
                    case "Appointment" -> Profiles.MISSED_APPOINTMENT;
                    // Subscription: SubscriptionRules checks the notification-subscription profile last, after the
                    // rules that give reasons
                    default -> null;
                });
    }

    private static boolean isLocalAuthority(Organization organization) {
        return organization.getType().stream()
                .flatMap(type -> type.getCoding().stream())
                .anyMatch(coding -> CodeSystems.PARTNER_AGENCY_TYPE.equals(coding.getSystem())
                        && Codes.LOCAL_AUTHORITY.equals(coding.getCode()));
    }

    private static boolean isSharingAgreement(Group group) {
        return group.getCode().getCoding().stream()
                .anyMatch(coding -> CodeSystems.BOARD_TYPE.equals(coding.getSystem())
                        && Codes.INFORMATION_SHARING_AGREEMENT.equals(coding.getCode()));
    }
}
