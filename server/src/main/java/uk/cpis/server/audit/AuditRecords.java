package uk.cpis.server.audit;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.server.contract.AccessRecord;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Codes;
import uk.cpis.server.contract.Extensions;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.contract.Profiles;
import uk.cpis.server.security.CallerIdentity;

/**
 * The two kinds of AuditEvent the server writes, in the shapes of the CP-IS profiles:
 * <ul>
 *   <li>an <b>access record</b> ({@code cpis-access-auditevent}): a clinician's look-up of one child,
 *       unscheduled (the child's access history, notified to the council) or scheduled (silent);
 *   <li>a <b>missed appointment record</b> ({@code cpis-missed-appointment-auditevent}): a health
 *       organisation recorded that a flagged child did not attend; notified to the council like an
 *       unscheduled access, with the appointment's date, organisation and service type only;
 *   <li>a <b>security record</b> ({@code cpis-security-auditevent}): everything else that must be
 *       accountable, i.e. a council's reads and writes and every refused request. Never a request body.
 * </ul>
 */
public final class AuditRecords {

    private static final String SERVER = "CP-IS FHIR server";

    private AuditRecords() {}

    /**
     * A clinician's look-up of one child: the person looked up (NHS number and, when CP-IS knows them,
     * their record), the plans shown, the councils that own them (reference to ODS code), and the
     * {@code repeat-attendance} tag when this unscheduled look-up completes or continues the pattern.
     */
    public static AuditEvent access(
            CallerIdentity caller,
            AccessType accessType,
            String interaction,
            Date when,
            String nhsNumber,
            String patientReference,
            List<String> planReferences,
            Map<String, String> councils,
            boolean repeatAttendance) {
        AuditEvent record = access(caller, accessType, interaction, when);
        addPatient(record, nhsNumber, patientReference);
        planReferences.forEach(plan -> addFlag(record, plan));
        councils.forEach((organisation, ods) -> addResponsibleCouncil(record, organisation, ods));
        if (repeatAttendance && accessType == AccessType.UNSCHEDULED) {
            record.getMeta().addTag(CodeSystems.NOTIFICATION_TAG, Codes.REPEAT_ATTENDANCE, "Repeat attendance");
        }
        return record;
    }

    private static AuditEvent access(CallerIdentity caller, AccessType accessType, String interaction, Date when) {
        AuditEvent event =
                base(Profiles.ACCESS_AUDITEVENT, interaction, AuditEventAction.R, AuditEventOutcome._0, when);
        event.addExtension(Extensions.ACCESS_TYPE, new CodeType(accessType.code()));
        // an unscheduled access always names its care setting (profile invariant cpis-audit-1)
        String careSetting = caller.careSetting() != null ? caller.careSetting() : "other";
        event.addExtension(Extensions.CARE_SETTING, new Coding(CodeSystems.CARE_SETTING, careSetting, null));
        addCaller(event, caller);
        return event;
    }

    /**
     * A missed appointment, recorded by the caller's organisation: the appointment itself is contained
     * (status, service type, date and the two participants, child and organisation, by identifier).
     */
    static AuditEvent missedAppointment(
            CallerIdentity caller,
            org.hl7.fhir.r4.model.Appointment appointment,
            String nhsNumber,
            String patientReference,
            Date when) {
        AuditEvent event =
                base(Profiles.MISSED_APPOINTMENT_AUDITEVENT, "create", AuditEventAction.C, AuditEventOutcome._0, when);
        event.getMeta().addTag(CodeSystems.NOTIFICATION_TAG, Codes.MISSED_APPOINTMENT, "Missed appointment");
        addCaller(event, caller);
        addPatient(event, nhsNumber, patientReference);
        org.hl7.fhir.r4.model.Appointment minimal = new org.hl7.fhir.r4.model.Appointment();
        minimal.setStatus(appointment.getStatus());
        appointment.getServiceType().forEach(serviceType -> minimal.addServiceType(serviceType.copy()));
        minimal.setStartElement(appointment.getStartElement().copy());
        if (appointment.hasEnd()) {
            minimal.setEndElement(appointment.getEndElement().copy());
        }
        appointment
                .getParticipant()
                .forEach(participant -> minimal.addParticipant()
                        .setActor(new Reference()
                                .setIdentifier(
                                        participant.getActor().getIdentifier().copy()))
                        .setStatus(participant.getStatus()));
        event.addEntity()
                .setWhat(new Reference(minimal))
                .setType(new Coding(CodeSystems.AUDIT_ENTITY_TYPE, "2", "System Object"))
                .setRole(new Coding(CodeSystems.OBJECT_ROLE, "4", "Domain Resource"))
                .setDescription("missed appointment");
        return event;
    }

    /** Anything else that must be accountable: a council's read or write, a refused request. */
    static AuditEvent security(
            CallerIdentity caller,
            String interaction,
            AuditEventAction action,
            AuditEventOutcome outcome,
            String outcomeDescription,
            Date when) {
        AuditEvent event = base(Profiles.SECURITY_AUDITEVENT, interaction, action, outcome, when);
        if (outcomeDescription != null) {
            event.setOutcomeDesc(outcomeDescription);
        }
        if (caller != null) {
            addCaller(event, caller);
        } else {
            event.addAgent()
                    .setType(new org.hl7.fhir.r4.model.CodeableConcept(
                            new Coding(CodeSystems.PARTICIPATION_TYPE, "IRCP", "information recipient")))
                    .setRequestor(true)
                    .setWho(new Reference().setDisplay("unauthenticated caller"));
        }
        return event;
    }

    static void addPatient(AuditEvent event, String nhsNumber, String patientReference) {
        Reference what = new Reference();
        if (patientReference != null) {
            what.setReference(patientReference);
        }
        if (nhsNumber != null) {
            what.setIdentifier(
                    new Identifier().setSystem(IdentifierSystems.NHS_NUMBER).setValue(nhsNumber));
        }
        event.addEntity()
                .setWhat(what)
                .setType(new Coding(CodeSystems.AUDIT_ENTITY_TYPE, "1", "Person"))
                .setRole(new Coding(CodeSystems.OBJECT_ROLE, AccessRecord.PATIENT_ROLE, "Patient"));
    }

    static String nhsNumberOf(Patient person) {
        return person.getIdentifier().stream()
                .filter(identifier -> IdentifierSystems.NHS_NUMBER.equals(identifier.getSystem()))
                .map(Identifier::getValue)
                .findFirst()
                .orElse(null);
    }

    /** The Reference of the record's patient entity (the first entity). */
    static Reference patientOf(AuditEvent event) {
        return event.getEntityFirstRep().getWhat();
    }

    static AuditEventEntityComponent addFlag(AuditEvent event, String flagReference) {
        return event.addEntity()
                .setWhat(new Reference(flagReference))
                .setType(new Coding(CodeSystems.AUDIT_ENTITY_TYPE, "2", "System Object"))
                .setRole(new Coding(CodeSystems.OBJECT_ROLE, "4", "Domain Resource"));
    }

    static void addResponsibleCouncil(AuditEvent event, String organisationReference, String odsCode) {
        event.addEntity()
                .setWhat(new Reference(organisationReference)
                        .setIdentifier(new Identifier()
                                .setSystem(IdentifierSystems.ODS_CODE)
                                .setValue(odsCode)))
                .setRole(new Coding(
                        CodeSystems.AUDIT_ENTITY_ROLE,
                        Codes.RESPONSIBLE_LOCAL_AUTHORITY,
                        "Responsible local authority"));
    }

    /**
     * The request's trace id (the national API's TraceID, else X-Request-ID, else one the server made
     * up), as IHE BALP records a transport id: an entity of type {@code XrequestId} whose
     * {@code what.identifier.value} is the id. It has no role, so no slice of the CP-IS access profile
     * (sliced by role, open) claims it; it is an opaque token, never patient data.
     */
    public static void addTraceId(AuditEvent event, String traceId) {
        if (traceId == null || traceId.isBlank()) {
            return;
        }
        event.addEntity()
                .setType(new Coding(CodeSystems.BALP_ENTITY_TYPE, Codes.TRACE_ID_ENTITY, null))
                .setWhat(new Reference().setIdentifier(new Identifier().setValue(traceId)));
    }

    /** The request's trace id recorded by {@link #addTraceId}, if any. */
    public static java.util.Optional<String> traceIdOf(AuditEvent event) {
        return event.getEntity().stream()
                .filter(entity ->
                        CodeSystems.BALP_ENTITY_TYPE.equals(entity.getType().getSystem())
                                && Codes.TRACE_ID_ENTITY.equals(entity.getType().getCode()))
                .map(entity -> entity.getWhat().getIdentifier().getValue())
                .findFirst();
    }

    /** The request line (method, path and query; never the body) of a refused request. */
    static void addQuery(AuditEvent event, String requestLine) {
        event.addEntity()
                .setType(new Coding(CodeSystems.AUDIT_ENTITY_TYPE, "2", "System Object"))
                .setRole(new Coding(CodeSystems.OBJECT_ROLE, "24", "Query"))
                .setQuery(requestLine.getBytes(StandardCharsets.UTF_8));
    }

    private static AuditEvent base(
            String profile, String interaction, AuditEventAction action, AuditEventOutcome outcome, Date when) {
        AuditEvent event = new AuditEvent();
        event.getMeta().addProfile(profile);
        event.setType(new Coding(CodeSystems.AUDIT_EVENT_TYPE, "rest", "RESTful Operation"));
        if (interaction != null) {
            event.addSubtype(new Coding(CodeSystems.RESTFUL_INTERACTION, interaction, null));
        }
        event.setAction(action);
        event.setRecorded(when);
        event.setOutcome(outcome);
        event.addAgent()
                .setType(new org.hl7.fhir.r4.model.CodeableConcept(
                        new Coding("http://dicom.nema.org/resources/ontology/DCM", "110153", "Source Role ID")))
                .setRequestor(false)
                .setWho(new Reference().setDisplay(SERVER));
        event.getSource()
                .setObserver(new Reference().setDisplay(SERVER))
                .addType(new Coding(CodeSystems.SECURITY_SOURCE_TYPE, "4", "Application Server"));
        return event;
    }

    private static void addCaller(AuditEvent event, CallerIdentity caller) {
        AuditEventAgentComponent user = event.addAgent()
                .setType(new org.hl7.fhir.r4.model.CodeableConcept(
                        new Coding(CodeSystems.PARTICIPATION_TYPE, "IRCP", "information recipient")))
                .setRequestor(true)
                .setWho(new Reference()
                        .setIdentifier(new Identifier()
                                .setSystem(IdentifierSystems.SDS_USER_ID)
                                .setValue(orUnknown(caller.userId())))
                        .setDisplay(orUnknown(caller.name())));
        String jobRole = jobRole(caller.roleCode());
        if (jobRole != null) {
            user.addRole().addCoding(new Coding(CodeSystems.SDS_JOB_ROLE, jobRole, null));
        }
        event.addAgent()
                .setType(new org.hl7.fhir.r4.model.CodeableConcept(
                        new Coding(CodeSystems.ROLE_CLASS, AccessRecord.PROVIDER_AGENT, "healthcare provider")))
                .setRequestor(false)
                .setWho(new Reference()
                        .setIdentifier(new Identifier()
                                .setSystem(IdentifierSystems.ODS_CODE)
                                .setValue(orUnknown(caller.odsCode()))));
    }

    /** The job role of a CIS2 role code such as {@code S8000:G8000:R8000} is its last part. */
    static String jobRole(String roleCode) {
        if (roleCode == null || roleCode.isBlank()) {
            return null;
        }
        String[] parts = roleCode.split(":");
        return parts[parts.length - 1];
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}
