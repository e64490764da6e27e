package uk.cpis.server.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.cpis.server.testsupport.CpisResources.CPP;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;

/** A council writes only plans it authors itself (reject reason not-your-plan). */
class PlanAuthorRuleIT extends PostgresServerTest {

    Reference medway;
    Reference reading;
    /** Reading's record of a child; Medway's plans name Medway's own record of a child. */
    Reference child;

    Reference medwaysChild;

    @BeforeEach
    void councilsAndChild() {
        medway = council(TestCouncil.MEDWAY);
        reading = council(TestCouncil.READING);
        child = new Reference(fhirClientAs("la-reading")
                .create()
                .resource(CpisResources.child(NhsNumbers.next()))
                .execute()
                .getId()
                .toUnqualifiedVersionless());
        medwaysChild = new Reference(fhirClientAs("la-medway")
                .create()
                .resource(CpisResources.child(NhsNumbers.next()))
                .execute()
                .getId()
                .toUnqualifiedVersionless());
    }

    @Test
    void councilCannotUploadAPlanInAnotherCouncilsName() {
        Flag medwaysPlan = CpisResources.plan(CPP, "00LC", "P-" + NhsNumbers.next(), child, medway);

        assertThatThrownBy(() -> fhirClientAs("la-reading")
                        .create()
                        .resource(medwaysPlan)
                        .execute())
                .isInstanceOfSatisfying(
                        UnprocessableEntityException.class,
                        e -> assertNotYourPlan((OperationOutcome) e.getOperationOutcome()));
        medwaysPlan.setSubject(medwaysChild);
        assertThat(fhirClientAs("la-medway")
                        .create()
                        .resource(medwaysPlan)
                        .execute()
                        .getCreated())
                .isTrue();
    }

    @Test
    void councilCannotTakeOverAnotherCouncilsPlanWhichReadsAsUnknown() {
        Flag plan = CpisResources.plan(CPP, "00LC", "P-" + NhsNumbers.next(), medwaysChild, medway);
        plan.setId(fhirClientAs("la-medway")
                .create()
                .resource(plan)
                .execute()
                .getId()
                .toUnqualifiedVersionless());
        plan.setAuthor(reading);
        plan.setSubject(child);
        plan.getIdentifierFirstRep().setSystem("https://fhir.cpis.uk/Id/la-plan-id/00MC");

        assertThatThrownBy(
                        () -> fhirClientAs("la-reading").update().resource(plan).execute())
                .isInstanceOfSatisfying(
                        ResourceNotFoundException.class,
                        e -> assertThat(e.getMessage())
                                .contains(plan.getIdElement().getValue() + " is not known")
                                .doesNotContain("00LC"));
        assertThat(fhirClientAs("la-medway")
                        .read()
                        .resource(Flag.class)
                        .withId(plan.getIdElement())
                        .execute()
                        .getAuthor()
                        .getReference())
                .isEqualTo(medway.getReference());
    }

    @Test
    void councilCannotFileAPlanUnderAnotherCouncilsPlanIds() {
        Flag plan = CpisResources.plan(CPP, "00LC", "P-" + NhsNumbers.next(), child, reading);

        assertThatThrownBy(
                        () -> fhirClientAs("la-reading").create().resource(plan).execute())
                .isInstanceOfSatisfying(
                        UnprocessableEntityException.class,
                        e -> assertNotYourPlan((OperationOutcome) e.getOperationOutcome()));
    }

    @Test
    void anotherCouncilsPlanIdGetsTheSameAnswerWhetherThePlanExistsOrNot() {
        Flag medways = CpisResources.plan(CPP, "00LC", "P-" + NhsNumbers.next(), medwaysChild, medway);
        fhirClientAs("la-medway").create().resource(medways).execute();
        Flag unknown = CpisResources.plan(CPP, "00LC", "P-" + NhsNumbers.next(), child, reading);

        String existing =
                conditionalPutAsReading(medways.copy().setSubject(child).setAuthor(reading));
        String missing = conditionalPutAsReading(unknown);

        assertThat(existing)
                .contains("not-your-plan")
                .isEqualTo(missing.replace(
                        unknown.getIdentifierFirstRep().getValue(),
                        medways.getIdentifierFirstRep().getValue()));
    }

    private String conditionalPutAsReading(Flag plan) {
        var identifier = plan.getIdentifierFirstRep();
        var response = httpAs("la-reading")
                .contentType("application/fhir+json")
                .body(FHIR.newJsonParser().encodeResourceToString(plan))
                .put("/fhir/Flag?identifier=" + identifier.getSystem() + "%7C" + identifier.getValue());
        assertThat(response.statusCode()).isEqualTo(422);
        return response.body().asString();
    }

    @Test
    void inABatchOnlyTheOtherCouncilsPlanIsRefused() {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry()
                .setResource(CpisResources.plan(CPP, "00MC", "P-" + NhsNumbers.next(), child, reading))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Flag");
        batch.addEntry()
                .setResource(CpisResources.plan(CPP, "00LC", "P-" + NhsNumbers.next(), child, medway))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Flag");

        Bundle response =
                fhirClientAs("la-reading").transaction().withBundle(batch).execute();

        assertThat(response.getEntry().get(0).getResponse().getStatus()).startsWith("201");
        assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("422");
        // HAPI rebuilds a batch entry's OperationOutcome from the message alone (the reason code is
        // not carried into batch responses yet).
        assertThat(((OperationOutcome) response.getEntry().get(1).getResponse().getOutcome())
                        .getIssueFirstRep()
                        .getDiagnostics())
                .contains("your own council (ODS 00MC)", "ODS 00LC");
    }

    @Test
    void councilMayNameItselfByConditionalReferenceInAnUpload() {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Flag plan = CpisResources.plan(
                CPP,
                "00MC",
                "P-" + NhsNumbers.next(),
                child,
                new Reference("Organization?identifier=" + CpisResources.ODS + "|00MC"));
        transaction
                .addEntry()
                .setResource(plan)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Flag");
        Flag other = CpisResources.plan(
                CPP,
                "00LC",
                "P-" + NhsNumbers.next(),
                child,
                new Reference("Organization?identifier=" + CpisResources.ODS + "|00LC"));
        Bundle otherTransaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        otherTransaction
                .addEntry()
                .setResource(other)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Flag");

        Bundle response =
                fhirClientAs("la-reading").transaction().withBundle(transaction).execute();

        assertThat(response.getEntryFirstRep().getResponse().getStatus()).startsWith("201");
        assertThatThrownBy(() -> fhirClientAs("la-reading")
                        .transaction()
                        .withBundle(otherTransaction)
                        .execute())
                .isInstanceOfSatisfying(
                        UnprocessableEntityException.class,
                        e -> assertNotYourPlan((OperationOutcome) e.getOperationOutcome()));
    }

    private static void assertNotYourPlan(OperationOutcome outcome) {
        assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo("not-your-plan");
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("your own council (ODS 00MC)", "ODS 00LC");
    }
}
