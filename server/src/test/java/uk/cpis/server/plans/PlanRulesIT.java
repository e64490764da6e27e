package uk.cpis.server.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.cpis.server.testsupport.CpisResources.CPP;
import static uk.cpis.server.testsupport.CpisResources.LAC;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.Profiles;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;

/** Each CP-IS business rule refuses its case with 422, its reject reason and a message naming the problem. */
class PlanRulesIT extends PostgresServerTest {

    static final String MEDWAY_BY_ODS = "Organization?identifier=" + CpisResources.ODS + "|00LC";

    @BeforeEach
    void councils() {
        council(TestCouncil.MEDWAY);
        council(TestCouncil.READING);
    }

    @Test
    void aPlanThatEndsBeforeItStartsIsRefused() {
        assertRefused(
                bundle(Bundle.BundleType.TRANSACTION, child -> {}, plan -> {
                    plan.setStatus(Flag.FlagStatus.INACTIVE);
                    plan.getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2025-03-01"));
                    plan.getPeriod().setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2025-02-01"));
                }),
                "invalid-dates",
                "ends (2025-02-01) before it starts (2025-03-01)");
    }

    @Test
    void aChildProtectionPlanOrLookedAfterPlanForAnAdultIsRefused() {
        assertRefused(
                bundle(
                        Bundle.BundleType.TRANSACTION,
                        child -> child.setBirthDateElement(new DateType("2005-01-10")),
                        plan -> {}),
                "adult-on-child-plan",
                "18 or over on the plan's start date (2025-01-15)");
        assertRefused(
                bundle(
                        Bundle.BundleType.TRANSACTION,
                        child -> child.setBirthDateElement(new DateType("2000-06-01")),
                        plan -> {
                            plan.getCode().getCodingFirstRep().setCode(LAC);
                            plan.addExtension(CpisResources.lookedAfterLegalStatus("s20"));
                        }),
                "adult-on-child-plan",
                "looked after child plan");
        assertThat(upload(child -> child.setBirthDateElement(new DateType("2007-01-16")), plan -> {})
                        .getEntry())
                .as("17 on the start date is still a child")
                .hasSize(2);
    }

    @Test
    void aLegalStatusOnAPlanThatIsNotLookedAfterIsRefused() {
        assertRefused(
                bundle(
                        Bundle.BundleType.TRANSACTION,
                        child -> {},
                        plan -> plan.addExtension(CpisResources.lookedAfterLegalStatus("s31"))),
                "legal-status-not-looked-after",
                "only given on a looked-after child plan");
    }

    @Test
    void anUnverifiedNhsNumberIsRefused() {
        assertRefused(
                bundle(
                        Bundle.BundleType.TRANSACTION,
                        child -> child.getIdentifierFirstRep()
                                .getExtensionFirstRep()
                                .setValue(new CodeableConcept(new Coding(
                                        "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland",
                                        "02",
                                        null))),
                        plan -> {}),
                "nhs-number-not-verified",
                "verification status is 02");
    }

    @Test
    void aSecondActivePlanOfTheSameTypeFromTheSameCouncilIsRefusedUntilTheFirstEnds() {
        String nhsNumber = NhsNumbers.next();
        Flag first = uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, plan -> {});

        assertThatThrownBy(() -> uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, plan -> {}))
                .isInstanceOfSatisfying(
                        UnprocessableEntityException.class,
                        e -> assertReason(
                                (OperationOutcome) e.getOperationOutcome(),
                                "duplicate-active-plan",
                                "already has an active plan"));
        // another council's plan of the same type, and another type from the same council, are fine
        uploadPlan(TestCouncil.READING, nhsNumber, CPP, plan -> {});
        uploadPlan(
                TestCouncil.MEDWAY,
                nhsNumber,
                LAC,
                plan -> plan.addExtension(CpisResources.lookedAfterLegalStatus("s20")));

        Flag ended = fhirClientAs("la-medway")
                .read()
                .resource(Flag.class)
                .withId(first.getIdElement())
                .execute();
        ended.setStatus(Flag.FlagStatus.INACTIVE).getPeriod().setEnd(new Date());
        fhirClientAs("la-medway").update().resource(ended).execute();
        assertThat(uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, plan -> {})
                        .getIdElement()
                        .hasIdPart())
                .isTrue();
    }

    @Test
    void aSecondActivePlanIsRefusedAlsoWhenBothDeclareTheirProfile() {
        String nhsNumber = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, plan -> plan.getMeta().addProfile(Profiles.FLAG));

        assertThatThrownBy(() -> uploadPlan(
                        TestCouncil.MEDWAY,
                        nhsNumber,
                        CPP,
                        plan -> plan.getMeta().addProfile(Profiles.FLAG)))
                .isInstanceOfSatisfying(
                        UnprocessableEntityException.class,
                        e -> assertReason(
                                (OperationOutcome) e.getOperationOutcome(),
                                "duplicate-active-plan",
                                "already has an active plan"));
    }

    @Test
    void twoActivePlansOfTheSameTypeInOneUploadAreRefusedAsAWhole() {
        Bundle transaction = bundle(Bundle.BundleType.TRANSACTION, child -> {}, plan -> {});
        Flag again = (Flag) transaction.getEntry().get(1).getResource().copy();
        again.getIdentifierFirstRep().setValue("P-" + NhsNumbers.next());
        transaction
                .addEntry()
                .setResource(again)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Flag");

        assertRefused(transaction, "duplicate-active-plan", "already has an active plan");
    }

    @Test
    void aBatchTellsTheCouncilWhichRecordsFailedAndWhyInCodes() {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        List.of(
                        bundle(Bundle.BundleType.BATCH, child -> {}, plan -> {}),
                        bundle(
                                Bundle.BundleType.BATCH,
                                child -> child.setBirthDateElement(new DateType("1990-01-01")),
                                plan -> {}),
                        bundle(
                                Bundle.BundleType.BATCH,
                                child -> {},
                                plan -> plan.getPeriod()
                                        .setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2024-01-01"))))
                .forEach(part -> batch.getEntry().add(part.getEntry().get(1)));
        // a batch cannot refer between entries: each plan names its (already stored) child by NHS number
        batch.getEntry().forEach(entry -> {
            Flag plan = (Flag) entry.getResource();
            String nhsNumber = "Patient?identifier=" + CpisResources.NHS_NUMBER + "|" + storeChild(entry);
            plan.setSubject(new Reference(nhsNumber));
        });

        Bundle response = fhirClient().transaction().withBundle(batch).execute();

        assertThat(response.getEntry().get(0).getResponse().getStatus()).startsWith("201");
        assertEntryRefused(response.getEntry().get(1), "adult-on-child-plan");
        assertEntryRefused(response.getEntry().get(2), "invalid-dates");
    }

    private String storeChild(Bundle.BundleEntryComponent entry) {
        Patient child = (Patient) entry.getUserData("child");
        fhirClient().create().resource(child).execute();
        return child.getIdentifierFirstRep().getValue();
    }

    private Bundle upload(Consumer<Patient> childChange, Consumer<Flag> planChange) {
        return fhirClient()
                .transaction()
                .withBundle(bundle(Bundle.BundleType.TRANSACTION, childChange, planChange))
                .execute();
    }

    /** Medway's upload of one new child and one CPP, as a council's system sends it. */
    private static Bundle bundle(Bundle.BundleType type, Consumer<Patient> childChange, Consumer<Flag> planChange) {
        String nhsNumber = NhsNumbers.next();
        Patient child = CpisResources.child(nhsNumber);
        childChange.accept(child);
        Flag plan = CpisResources.plan(
                CPP,
                "00LC",
                "P-" + NhsNumbers.next(),
                new Reference("urn:uuid:" + java.util.UUID.randomUUID()),
                new Reference(MEDWAY_BY_ODS));
        planChange.accept(plan);
        Bundle bundle = new Bundle().setType(type);
        bundle.addEntry()
                .setFullUrl(plan.getSubject().getReference())
                .setResource(child)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient")
                .setIfNoneExist("identifier=" + CpisResources.NHS_NUMBER + "|" + nhsNumber);
        Bundle.BundleEntryComponent planEntry = bundle.addEntry().setResource(plan);
        planEntry.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Flag");
        planEntry.setUserData("child", child);
        return bundle;
    }

    private void assertRefused(Bundle transaction, String reason, String message) {
        assertThatThrownBy(
                        () -> fhirClient().transaction().withBundle(transaction).execute())
                .isInstanceOfSatisfying(
                        UnprocessableEntityException.class,
                        e -> assertReason((OperationOutcome) e.getOperationOutcome(), reason, message));
    }

    private static void assertReason(OperationOutcome outcome, String reason, String message) {
        assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo(reason);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(message);
    }

    private static void assertEntryRefused(Bundle.BundleEntryComponent entry, String reason) {
        assertThat(entry.getResponse().getStatus()).startsWith("422");
        OperationOutcome outcome = (OperationOutcome) entry.getResponse().getOutcome();
        assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo(reason);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).startsWith("[" + reason + "]");
    }
}
