package uk.cpis.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;

/** How the server reads its own AuditEvents and organisations (the contract's typed views). */
class AccessRecordTest {

    @Test
    void anUnscheduledAccessIsAnAccessRecordWhoseTypeIsUnscheduled() {
        assertThat(AccessRecord.of(access(Codes.UNSCHEDULED)).isUnscheduledAccess())
                .isTrue();
        assertThat(AccessRecord.of(access(Codes.UNSCHEDULED)).isScheduledAccess())
                .isFalse();
        assertThat(AccessRecord.of(access(Codes.SCHEDULED)).isUnscheduledAccess())
                .isFalse();
        assertThat(AccessRecord.of(access(Codes.SCHEDULED)).isScheduledAccess()).isTrue();
    }

    @Test
    void anAccessTypeWithoutTheAccessProfileIsNotAnAccess() {
        AuditEvent unprofiled = access(Codes.UNSCHEDULED);
        unprofiled.getMeta().getProfile().clear();
        assertThat(AccessRecord.of(unprofiled).isUnscheduledAccess()).isFalse();
        assertThat(AccessRecord.of(unprofiled).isScheduledAccess()).isFalse();
    }

    @Test
    void theRecordNamesItsChildCouncilsAndCareSetting() {
        AuditEvent event = access(Codes.UNSCHEDULED);
        event.addEntity()
                .setWhat(new Reference("Patient/7"))
                .setRole(new Coding(CodeSystems.OBJECT_ROLE, AccessRecord.PATIENT_ROLE, null));
        event.addEntity()
                .setWhat(new Reference("Organization/3").setIdentifier(new Identifier().setValue("00LC")))
                .setRole(new Coding(CodeSystems.AUDIT_ENTITY_ROLE, Codes.RESPONSIBLE_LOCAL_AUTHORITY, null));
        event.addAgent()
                .setType(new CodeableConcept(new Coding(CodeSystems.ROLE_CLASS, AccessRecord.PROVIDER_AGENT, null)))
                .setWho(new Reference()
                        .setIdentifier(new Identifier()
                                .setSystem(IdentifierSystems.ODS_CODE)
                                .setValue("RXX01")));
        event.addExtension(Extensions.CARE_SETTING, new Coding(CodeSystems.CARE_SETTING, "emergency-department", null));
        AccessRecord record = AccessRecord.of(event);
        assertThat(record.child()).contains("Patient/7");
        assertThat(record.councils()).isEqualTo(Map.of("Organization/3", "00LC"));
        assertThat(record.careSettingOdsCode()).contains("RXX01");
        assertThat(record.careSettingKind()).contains("emergency-department");
    }

    @Test
    void aMissedAppointmentIsKnownByItsProfile() {
        AuditEvent event = new AuditEvent();
        event.getMeta().addProfile(Profiles.MISSED_APPOINTMENT_AUDITEVENT);
        event.getMeta().addTag(CodeSystems.NOTIFICATION_TAG, Codes.MISSED_APPOINTMENT, null);
        assertThat(AccessRecord.of(event).isMissedAppointment()).isTrue();
        assertThat(AccessRecord.of(event).hasTag(Codes.MISSED_APPOINTMENT)).isTrue();
        assertThat(AccessRecord.of(event).isAccess()).isFalse();
    }

    @Test
    void anOrganisationsOdsCodeIsItsIdentifierInTheOdsSystem() {
        Organization council = new Organization();
        council.addIdentifier().setSystem("https://example.org/other").setValue("X");
        council.addIdentifier().setSystem(IdentifierSystems.ODS_CODE).setValue("00LC");
        council.addIdentifier().setSystem(IdentifierSystems.ODS_CODE).setValue("00LC");
        assertThat(OdsCodes.of(council)).contains("00LC");
        assertThat(OdsCodes.all(council)).containsExactly("00LC");
        assertThat(OdsCodes.of(new Organization())).isEmpty();
    }

    @Test
    void aSubscriptionBelongsToTheCouncilItsTagNames() {
        Subscription subscription = new Subscription();
        assertThat(OdsCodes.subscriberOf(subscription)).isEmpty();
        subscription.getMeta().addTag(IdentifierSystems.ODS_CODE, "00MC", null);
        assertThat(OdsCodes.subscriberOf(subscription)).contains("00MC");
    }

    private static AuditEvent access(String type) {
        AuditEvent event = new AuditEvent();
        event.getMeta().addProfile(Profiles.ACCESS_AUDITEVENT);
        event.addExtension(Extensions.ACCESS_TYPE, new CodeType(type));
        return event;
    }
}
