package uk.cpis.server.testsupport;

import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Codes;
import uk.cpis.server.contract.Extensions;
import uk.cpis.server.contract.IdentifierSystems;

/** Valid CP-IS resources for tests to start from (and break on purpose). */
public final class CpisResources {

    public static final String NHS_NUMBER = IdentifierSystems.NHS_NUMBER;
    public static final String ODS = IdentifierSystems.ODS_CODE;
    public static final String SNOMED = CodeSystems.SNOMED;
    public static final String CPP = Codes.CHILD_PROTECTION_PLAN;
    public static final String LAC = Codes.LOOKED_AFTER_CHILD;
    public static final String UCPP = Codes.UNBORN_CHILD_PROTECTION_PLAN;
    static final String CPIS = "https://fhir.cpis.uk/";
    static final String VERIFICATION_STATUS_URL = Extensions.NHS_NUMBER_VERIFICATION_STATUS;
    static final String VERIFICATION_STATUS_SYSTEM =
            "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland";

    private CpisResources() {}

    public static Patient child(String nhsNumber) {
        Patient patient = new Patient();
        Identifier identifier = patient.addIdentifier().setSystem(NHS_NUMBER).setValue(nhsNumber);
        identifier.addExtension(new Extension(
                VERIFICATION_STATUS_URL,
                new CodeableConcept(new Coding(VERIFICATION_STATUS_SYSTEM, "01", "Number present and verified"))));
        patient.addName().setFamily("Example").addGiven("Child");
        patient.setGender(AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType("2015-04-01"));
        return patient;
    }

    public static Organization localAuthority(String odsCode, String name) {
        Organization council = new Organization();
        council.addIdentifier().setSystem(ODS).setValue(odsCode);
        council.setName(name);
        council.addType()
                .addCoding(
                        new Coding(CPIS + "CodeSystem/cpis-partner-agency-type", "local-authority", "Local authority"));
        council.addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setUse(ContactPoint.ContactPointUse.WORK)
                .setValue("01634 000001");
        council.addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setUse(ContactPoint.ContactPointUse.MOBILE)
                .setValue("03000 000002");
        return council;
    }

    public static Organization nhsTrust(String odsCode, String name) {
        Organization trust = new Organization();
        trust.addIdentifier().setSystem(ODS).setValue(odsCode);
        trust.setName(name);
        trust.addType().addCoding(new Coding(CPIS + "CodeSystem/cpis-partner-agency-type", "nhs-trust", "NHS trust"));
        return trust;
    }

    public static Flag plan(String planType, String councilOds, String planId, Reference child, Reference council) {
        Flag flag = new Flag();
        flag.addIdentifier().setSystem(CPIS + "Id/la-plan-id/" + councilOds).setValue(planId);
        flag.setStatus(Flag.FlagStatus.ACTIVE);
        flag.addCategory().addCoding(new Coding(CPIS + "CodeSystem/cpis-flag-category", "child-protection", null));
        flag.getCode().addCoding(new Coding(SNOMED, planType, null));
        flag.getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2025-01-15"));
        flag.setSubject(child);
        flag.setAuthor(council);
        return flag;
    }

    public static Extension lookedAfterLegalStatus(String code) {
        return new Extension(
                CPIS + "StructureDefinition/cpis-looked-after-legal-status",
                new Coding(CPIS + "CodeSystem/cpis-looked-after-legal-status", code, null));
    }

    public static Group board(String boardType, String name) {
        Group board = new Group();
        board.setActual(true);
        board.setType(Group.GroupType.PRACTITIONER);
        board.setName(name);
        board.getCode().addCoding(new Coding(CPIS + "CodeSystem/cpis-board-type", boardType, null));
        return board;
    }

    public static AuditEvent unscheduledAccess(Reference child, String nhsNumber) {
        AuditEvent event = new AuditEvent();
        event.addExtension(new Extension(
                CPIS + "StructureDefinition/cpis-access-type", new org.hl7.fhir.r4.model.CodeType("unscheduled")));
        event.addExtension(new Extension(
                CPIS + "StructureDefinition/cpis-care-setting",
                new Coding(CPIS + "CodeSystem/cpis-care-setting", "emergency-department", null)));
        event.setType(new Coding(CodeSystems.AUDIT_EVENT_TYPE, "rest", "RESTful Operation"));
        event.addSubtype(new Coding(CodeSystems.RESTFUL_INTERACTION, "search-type", "search type"));
        event.setAction(AuditEvent.AuditEventAction.R);
        event.setRecorded(new Date());
        event.setOutcome(AuditEvent.AuditEventOutcome._0);
        AuditEvent.AuditEventAgentComponent user = event.addAgent().setRequestor(true);
        user.getType().addCoding(new Coding(CodeSystems.PARTICIPATION_TYPE, "IRCP", "information recipient"));
        user.getWho()
                .setIdentifier(new Identifier()
                        .setSystem(IdentifierSystems.SDS_USER_ID)
                        .setValue("555000111222"))
                .setDisplay("Dr A Clinician");
        user.addRole().addCoding(new Coding(CodeSystems.SDS_JOB_ROLE, "R8000", "Clinical Practitioner Access Role"));
        AuditEvent.AuditEventAgentComponent organisation = event.addAgent().setRequestor(false);
        organisation.getType().addCoding(new Coding(CodeSystems.ROLE_CLASS, "PROV", "healthcare provider"));
        organisation
                .getWho()
                .setIdentifier(new Identifier().setSystem(ODS).setValue("RPA"))
                .setDisplay("Medway NHS Foundation Trust");
        AuditEvent.AuditEventAgentComponent server = event.addAgent().setRequestor(false);
        server.getType()
                .addCoding(new Coding("http://dicom.nema.org/resources/ontology/DCM", "110153", "Source Role ID"));
        server.getWho().setDisplay("CP-IS FHIR server");
        event.getSource().setObserver(new Reference().setDisplay("CP-IS FHIR server"));
        AuditEvent.AuditEventEntityComponent patient = event.addEntity();
        patient.setWhat(child.copy()
                .setIdentifier(new Identifier().setSystem(NHS_NUMBER).setValue(nhsNumber)));
        patient.setRole(new Coding(CodeSystems.OBJECT_ROLE, "1", "Patient"));
        return event;
    }
}
