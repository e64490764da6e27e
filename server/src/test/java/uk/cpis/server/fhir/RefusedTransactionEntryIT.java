package uk.cpis.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;

/**
 * A refused transaction names the refused entry: besides the element inside the resource, each issue
 * carries the element's path from the bundle, so the sender of a large bundle knows which entry to fix.
 */
class RefusedTransactionEntryIT extends PostgresServerTest {

    @Test
    void aRuleRefusalNamesTheEntryThatBrokeTheRule() {
        Patient badNumber = CpisResources.child("9990009016");
        JsonPath outcome = refusedTransaction(badNumber);

        assertThat(outcome.getList("issue[0].expression", String.class))
                .containsExactly("Patient.identifier", "Bundle.entry[2].resource.identifier");
        assertThat(outcome.getString("issue[0].details.coding[0].code")).isEqualTo("nhs-number-invalid");
    }

    @Test
    void aProfileRefusalNamesTheEntryThatDoesNotConform() {
        Patient noBirthDate = CpisResources.child(NhsNumbers.next());
        noBirthDate.setBirthDate(null);
        JsonPath outcome = refusedTransaction(noBirthDate);

        assertThat(outcome.getList("issue.expression.flatten()", String.class))
                .contains("Bundle.entry[2].resource")
                .noneMatch(expression ->
                        expression.startsWith("Bundle.entry[0]") || expression.startsWith("Bundle.entry[1]"));
    }

    /** Two good children, then the given one: the council's upload is refused as a whole, with 422. */
    private JsonPath refusedTransaction(Patient third) {
        council(TestCouncil.MEDWAY);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Patient child :
                new Patient[] {CpisResources.child(NhsNumbers.next()), CpisResources.child(NhsNumbers.next()), third}) {
            bundle.addEntry()
                    .setResource(child)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Patient");
        }
        var response = httpAs(TestCouncil.MEDWAY.persona())
                .contentType("application/fhir+json")
                .body(FHIR.newJsonParser().encodeResourceToString(bundle))
                .post("/fhir");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(422);
        return response.jsonPath();
    }
}
