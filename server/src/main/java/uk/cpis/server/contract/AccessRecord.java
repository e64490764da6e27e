package uk.cpis.server.contract;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;

/**
 * A stored AuditEvent read as the CP-IS profiles define it: whether it is an access record
 * ({@link Profiles#ACCESS_AUDITEVENT}) and of which access type, the child it names, the councils it
 * names as responsible, the care setting it came from, and its notification tags. Every rule that asks
 * "is this an unscheduled access?" or "which councils does it concern?" asks this view.
 */
public record AccessRecord(AuditEvent event) {

    /** The entity role of the person looked up (FHIR object-role 1, "Patient"). */
    public static final String PATIENT_ROLE = "1";
    /** The agent type of the organisation the access came from (v3 RoleClass PROV). */
    public static final String PROVIDER_AGENT = "PROV";

    public static AccessRecord of(AuditEvent event) {
        return new AccessRecord(event);
    }

    /** A clinician's look-up, recorded by the server with its access type. */
    public boolean isAccess() {
        return event.getMeta().hasProfile(Profiles.ACCESS_AUDITEVENT);
    }

    /** An access record of an unscheduled look-up: in the child's access history, notified to the council. */
    public boolean isUnscheduledAccess() {
        return isAccess() && accessType().filter(Codes.UNSCHEDULED::equals).isPresent();
    }

    /** An access record of a scheduled (silent) look-up: kept for security review only. */
    public boolean isScheduledAccess() {
        return isAccess() && !isUnscheduledAccess();
    }

    /** A health organisation's record that the child missed an appointment. */
    public boolean isMissedAppointment() {
        return event.getMeta().hasProfile(Profiles.MISSED_APPOINTMENT_AUDITEVENT);
    }

    public Optional<String> accessType() {
        return event.getExtension().stream()
                .filter(extension -> Extensions.ACCESS_TYPE.equals(extension.getUrl()) && extension.getValue() != null)
                .map(extension -> extension.getValue().primitiveValue())
                .findFirst();
    }

    /** The child (or mother) looked up, as {@code Patient/<id>}, if the record names one. */
    public Optional<String> child() {
        return event.getEntity().stream()
                .filter(entity -> PATIENT_ROLE.equals(entity.getRole().getCode()))
                .map(entity -> entity.getWhat()
                        .getReferenceElement()
                        .toUnqualifiedVersionless()
                        .getValue())
                .filter(reference -> reference != null && reference.startsWith("Patient/"))
                .findFirst();
    }

    /** The councils named as responsible local authorities: Organization reference to ODS code. */
    public Map<String, String> councils() {
        Map<String, String> councils = new LinkedHashMap<>();
        for (AuditEvent.AuditEventEntityComponent entity : event.getEntity()) {
            String reference = entity.getWhat()
                    .getReferenceElement()
                    .toUnqualifiedVersionless()
                    .getValue();
            if (Codes.RESPONSIBLE_LOCAL_AUTHORITY.equals(entity.getRole().getCode()) && reference != null) {
                councils.put(reference, entity.getWhat().getIdentifier().getValue());
            }
        }
        return councils;
    }

    /** The ODS code of the organisation the access came from. */
    public Optional<String> careSettingOdsCode() {
        return event.getAgent().stream()
                .filter(agent ->
                        agent.getType().getCoding().stream().anyMatch(type -> PROVIDER_AGENT.equals(type.getCode())))
                .map(agent -> agent.getWho().getIdentifier())
                .filter(identifier -> IdentifierSystems.ODS_CODE.equals(identifier.getSystem()))
                .map(Identifier::getValue)
                .findFirst();
    }

    /** The kind of care setting the access came from ({@link CodeSystems#CARE_SETTING}). */
    public Optional<String> careSettingKind() {
        return event.getExtension().stream()
                .filter(extension -> Extensions.CARE_SETTING.equals(extension.getUrl()))
                .map(extension -> extension.getValue() instanceof Coding coding ? coding.getCode() : null)
                .filter(code -> code != null)
                .findFirst();
    }

    public boolean hasTag(String code) {
        return event.getMeta().getTag().stream()
                .anyMatch(tag -> CodeSystems.NOTIFICATION_TAG.equals(tag.getSystem()) && code.equals(tag.getCode()));
    }
}
