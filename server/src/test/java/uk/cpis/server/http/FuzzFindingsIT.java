package uk.cpis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.DemoTokens;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;

/**
 * Requests bench/faults' fuzz run found answered with 500: each now gets a 4xx OperationOutcome that
 * names the problem, and the server's internals stay out of it.
 */
class FuzzFindingsIT extends PostgresServerTest {

    @Test
    void aClinicianReadsTheCapabilityStatementWithATokenAsWithout() {
        Response metadata = httpAs("ed-clinician").get("/fhir/metadata");
        assertThat(metadata.statusCode()).as(metadata.asString()).isEqualTo(200);
        assertThat(metadata.jsonPath().getString("resourceType")).isEqualTo("CapabilityStatement");
    }

    @Test
    void aDateThatIsNotADateIs400NamingIt() {
        Response answer = httpAs("board-admin").get("/fhir/Organization?_lastUpdated=9999999999");
        assertBadInput(answer, "value", "A value in the request is not valid", "9999999999");
    }

    @Test
    void aPercentSignThatStartsNoEscapeIs400() throws IOException {
        // sent on a plain socket: HTTP clients refuse to send such a URL, an attacker does not
        String answer = rawGet(
                "/fhir/Flag?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C%",
                DemoTokens.forPersona(serverRoot(), "ed-clinician"));
        assertThat(answer).startsWith("HTTP/1.1 400").contains("a '%' must start an escape of two hexadecimal digits");
    }

    @Test
    void aLookUpParameterWithoutAValueIsRefusedLikeAnyOtherThatIsNotOneNhsNumber() {
        Response answer = httpAs("ed-clinician")
                .contentType("application/fhir+json")
                .body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"identifier\"}]}")
                .post("/fhir/Patient/$cpis-lookup");
        assertThat(answer.statusCode()).as(answer.asString()).isBetween(400, 499);
        assertThat(answer.asString()).doesNotContain("Internal server error");
    }

    @Test
    void aBodyNestedDeeperThanTheValidatorReadsIs400() {
        StringBuilder body = new StringBuilder("{\"resourceType\":\"Patient\"");
        for (int i = 0; i < 300; i++) {
            body.append(",\"extension\":[{\"url\":\"x\"");
        }
        body.append("}]".repeat(300)).append('}');
        Response answer = httpAs("la-medway")
                .contentType("application/fhir+json")
                .body(body.toString())
                .post("/fhir/Patient");
        assertThat(answer.statusCode()).as(answer.asString()).isBetween(400, 499);
        assertThat(answer.asString()).doesNotContain("Internal server error", "com.google");
    }

    @Test
    void bodiesNestedFarDeeperAre400AndTheServerValidatesNormallyAfterwards() {
        for (int depth : List.of(1_000, 3_000)) {
            StringBuilder body = new StringBuilder("{\"resourceType\":\"Patient\"");
            for (int i = 0; i < depth; i++) {
                body.append(",\"extension\":[{\"url\":\"x\"");
            }
            body.append("}]".repeat(depth)).append('}');
            Response answer = httpAs("la-medway")
                    .contentType("application/fhir+json")
                    .body(body.toString())
                    .post("/fhir/Patient");
            assertThat(answer.statusCode())
                    .as(depth + " levels: " + answer.asString())
                    .isBetween(400, 499);
            assertThat(answer.asString()).doesNotContain("Internal server error", "StackOverflow");
        }
        council("00LC", "Medway Council");
        Response valid = httpAs("la-medway")
                .contentType("application/fhir+json")
                .body(FHIR.newJsonParser().encodeResourceToString(CpisResources.child(NhsNumbers.next())))
                .post("/fhir/Patient");
        assertThat(valid.statusCode()).as(valid.asString()).isEqualTo(201);
    }

    @Test
    void anOperationParameterWithoutANameIs400() {
        Response answer = httpAs("ed-clinician")
                .contentType("application/fhir+json")
                .body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"valueString\":\"x\"}]}")
                .post("/fhir/Patient/$cpis-lookup");
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(400);
    }

    @Test
    void aBundleWithoutATypeOrAnEntryMethodIs400() {
        Response answer = httpAs("la-medway")
                .contentType("application/fhir+json")
                .body("{\"resourceType\":\"Bundle\",\"entry\":[{\"request\":{\"url\":\"Patient\"}}]}")
                .post("/fhir");
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(400);
    }

    @Test
    void aPlanWhoseSnomedCodingHasNoCodeIsRefusedNot500() {
        Response answer = httpAs("la-medway")
                .contentType("application/fhir+json")
                .body("{\"resourceType\":\"Flag\",\"status\":\"active\",\"code\":{\"coding\":[{\"system\":"
                        + "\"http://snomed.info/sct\"}]},\"subject\":{\"reference\":\"Patient/1\"}}")
                .post("/fhir/Flag");
        assertThat(answer.statusCode()).as(answer.asString()).isBetween(400, 499);
    }

    @Test
    void nullsAndWrongKindsInTheBodyAreRefusedNot500() {
        for (String body : new String[] {
            "{\"resourceType\":\"Patient\",\"extension\":[null]}",
            "{\"resourceType\":\"Patient\",\"extension\":[{\"url\":null,\"valueString\":\"x\"}]}",
            "{\"resourceType\":\"Patient\",\"birthDate\":null,\"gender\":\"female\"}",
            "{\"resourceType\":\"Patient\",\"gender\":[\"female\",\"female\"]}",
            "{\"resourceType\":\"Patient\",\"name\":[{\"family\":12345}]}"
        }) {
            Response answer = httpAs("la-medway")
                    .contentType("application/fhir+json")
                    .body(body)
                    .post("/fhir/Patient");
            assertThat(answer.statusCode())
                    .as(body + " -> " + answer.asString())
                    .isBetween(400, 499);
        }
    }

    private String rawGet(String path, String token) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                                    + "\r\nAccept: application/fhir+json\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertBadInput(Response answer, String issueCode, String... messageParts) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(400);
        assertThat(answer.jsonPath().getString("issue[0].code")).isEqualTo(issueCode);
        assertThat(answer.jsonPath().getString("issue[0].diagnostics")).contains(messageParts);
    }
}
