package uk.cpis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.PostgresServerTest;

/**
 * A client tells the kind of refusal from {@code issue.code}, as the IG's error-code table says, not
 * from the wording: 401 {@code login}, 403 {@code forbidden}, 404 {@code not-found}, and a refused
 * record 422 with its CP-IS reject reason in {@code details}.
 */
class ErrorIssueTypesIT extends PostgresServerTest {

    @Test
    void aRuleRefusalIsForbidden() {
        assertIssue(httpAs("ed-clinician").get("/fhir/Flag"), 403, "forbidden");
    }

    @Test
    void anUnknownIdIsNotFound() {
        assertIssue(httpAs("la-medway").get("/fhir/Flag/987654321"), 404, "not-found");
    }

    @Test
    void aMissingTokenIsLogin() {
        assertIssue(anonymous().get("/fhir/Flag"), 401, "login");
    }

    @Test
    void aRefusedRecordKeepsItsRejectReason() {
        Response refused = httpAs("la-medway")
                .contentType("application/fhir+json")
                .body(FHIR.newJsonParser().encodeResourceToString(CpisResources.child("9434765918")))
                .post("/fhir/Patient");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.jsonPath().getString("issue[0].details.coding[0].system"))
                .isEqualTo(CodeSystems.REJECT_REASON);
        assertThat(refused.jsonPath().getString("issue[0].details.coding[0].code"))
                .isEqualTo("nhs-number-invalid");
    }

    private static void assertIssue(Response response, int status, String code) {
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(status);
        assertThat(response.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
        assertThat(response.jsonPath().getString("issue[0].code"))
                .as(response.body().asString())
                .isEqualTo(code);
        assertThat(response.jsonPath().getString("issue[0].diagnostics")).isNotBlank();
    }
}
