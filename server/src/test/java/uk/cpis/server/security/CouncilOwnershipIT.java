package uk.cpis.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.cpis.server.testsupport.CpisResources.CPP;
import static uk.cpis.server.testsupport.CpisResources.LAC;

import io.restassured.response.Response;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;

/**
 * Each council owns its own record of a child: two councils with plans for one child hold two
 * Patients, neither can see, change or reference the other's, and a clinician's look-up merges them.
 */
class CouncilOwnershipIT extends PostgresServerTest {

    private static final String JSON = "application/fhir+json";

    String nhsNumber;
    Flag medwaysPlan;
    Flag readingsPlan;

    @BeforeEach
    void aChildWithPlansAtTwoCouncils() {
        joinSharingAgreement(council(TestCouncil.MEDWAY));
        joinSharingAgreement(council(TestCouncil.READING));
        nhsNumber = NhsNumbers.next();
        medwaysPlan = uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, plan -> {});
        readingsPlan = uploadPlan(
                TestCouncil.READING,
                nhsNumber,
                LAC,
                plan -> plan.addExtension(CpisResources.lookedAfterLegalStatus("s20")));
    }

    @Test
    void eachCouncilHoldsItsOwnRecordOfTheChild() {
        assertThat(storedPatientsWith(nhsNumber)).isEqualTo(2);
        assertThat(medwaysPlan.getSubject().getReference())
                .isNotEqualTo(readingsPlan.getSubject().getReference());
        Patient medwaysChild = fhirClientAs("la-medway")
                .read()
                .resource(Patient.class)
                .withId(medwaysPlan.getSubject().getReferenceElement())
                .execute();
        assertThat(medwaysChild.getManagingOrganization().getReference())
                .isEqualTo(council(TestCouncil.MEDWAY).getReference());
    }

    @Test
    void aClinicianSeesEveryCouncilsPlanOfTheChildInOneLookUp() {
        Response lookUp = httpAs("ed-clinician")
                .get("/fhir/Patient/$cpis-lookup?identifier=" + CpisResources.NHS_NUMBER + "%7C" + nhsNumber);

        assertThat(lookUp.statusCode()).isEqualTo(200);
        Bundle answer =
                FHIR.newJsonParser().parseResource(Bundle.class, lookUp.body().asString());
        List<String> shown = answer.getEntry().stream()
                .map(entry -> entry.getResource()
                        .getIdElement()
                        .toUnqualifiedVersionless()
                        .getValue())
                .toList();
        assertThat(shown)
                .contains(
                        medwaysPlan.getIdElement().getValue(),
                        readingsPlan.getIdElement().getValue(),
                        medwaysPlan.getSubject().getReference(),
                        readingsPlan.getSubject().getReference());
    }

    @Test
    void anotherCouncilsChildReadsAsUnknownForEveryInteraction() {
        String medwaysChild = medwaysPlan.getSubject().getReference();
        String unknown = "Patient/999999999";

        for (String id : List.of(medwaysChild, unknown)) {
            Response read = httpAs("la-reading").get("/fhir/" + id);
            Response update = httpAs("la-reading")
                    .contentType(JSON)
                    .body(FHIR.newJsonParser()
                            .encodeResourceToString(
                                    CpisResources.child(nhsNumber).setId(id)))
                    .put("/fhir/" + id);
            assertThat(read.statusCode()).as("read " + id).isEqualTo(404);
            assertThat(update.statusCode()).as("update " + id).isEqualTo(404);
            assertThat(update.body().asString()).contains(id + " is not known");
        }
        Flag onMedwaysChild = CpisResources.plan(
                CPP, "00MC", "P-" + NhsNumbers.next(), medwaysPlan.getSubject(), council(TestCouncil.READING));
        Flag onUnknown = onMedwaysChild.copy().setSubject(new org.hl7.fhir.r4.model.Reference(unknown));
        String foreign = httpAs("la-reading")
                .contentType(JSON)
                .body(FHIR.newJsonParser().encodeResourceToString(onMedwaysChild))
                .post("/fhir/Flag")
                .body()
                .asString();
        String missing = httpAs("la-reading")
                .contentType(JSON)
                .body(FHIR.newJsonParser().encodeResourceToString(onUnknown))
                .post("/fhir/Flag")
                .body()
                .asString();
        assertThat(foreign.replace(medwaysChild, "ID")).isEqualTo(missing.replace(unknown, "ID"));
    }

    @Test
    void aConditionalCreateFindsOnlyTheCallersOwnChild() {
        Patient sameChild = CpisResources.child(nhsNumber);
        sameChild.getNameFirstRep().setFamily("Readingname");
        Response created = httpAs("la-reading")
                .contentType(JSON)
                .header("If-None-Exist", "identifier=" + CpisResources.NHS_NUMBER + "|" + nhsNumber)
                .header("Prefer", "return=representation")
                .body(FHIR.newJsonParser().encodeResourceToString(sameChild))
                .post("/fhir/Patient");

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.header("Location") + created.body().asString())
                .contains(readingsPlan.getSubject().getReference())
                .doesNotContain(medwaysPlan.getSubject().getReference());
        assertThat(storedPatientsWith(nhsNumber)).isEqualTo(2);
    }

    @Test
    void aStoredChildKeepsItsNhsNumberAndItsCouncil() {
        Patient child = fhirClientAs("la-medway")
                .read()
                .resource(Patient.class)
                .withId(medwaysPlan.getSubject().getReferenceElement())
                .execute();
        child.getIdentifierFirstRep().setValue(NhsNumbers.next());
        Response renumbered = httpAs("la-medway")
                .contentType(JSON)
                .body(FHIR.newJsonParser().encodeResourceToString(child))
                .put("/fhir/" + medwaysPlan.getSubject().getReference());
        assertThat(renumbered.statusCode()).isEqualTo(422);
        assertThat(renumbered.body().asString()).contains("nhs-number-changed");

        Patient otherCouncils = CpisResources.child(NhsNumbers.next());
        otherCouncils
                .getManagingOrganization()
                .setReference(council(TestCouncil.READING).getReference());
        Response misfiled = httpAs("la-medway")
                .contentType(JSON)
                .body(FHIR.newJsonParser().encodeResourceToString(otherCouncils))
                .post("/fhir/Patient");
        assertThat(misfiled.statusCode()).isEqualTo(422);
        assertThat(misfiled.body().asString()).contains("not-your-plan", "managingOrganization");
    }

    @Test
    void aPagingLinkWorksOnlyForTheCallerWhoSearched() {
        uploadPlan(TestCouncil.MEDWAY, NhsNumbers.next(), CPP, plan -> {});
        Bundle firstPage = FHIR.newJsonParser()
                .parseResource(
                        Bundle.class,
                        httpAs("la-medway").get("/fhir/Flag?_count=1").body().asString());
        String next = firstPage.getLink(Bundle.LINK_NEXT).getUrl();
        String path = next.substring(next.indexOf("/fhir"));

        assertThat(httpAs("la-medway").get(path).statusCode()).isEqualTo(200);
        Response replayed = httpAs("la-reading").get(path);
        assertThat(replayed.statusCode()).isEqualTo(404);
        assertThat(replayed.body().asString())
                .doesNotContain(medwaysPlan.getIdElement().getIdPart() + "\"");
        assertThat(httpAs("la-reading")
                        .get(path.replaceFirst("_getpages=[^&]+", "_getpages=no-such-search"))
                        .statusCode())
                .isEqualTo(404);
    }
}
