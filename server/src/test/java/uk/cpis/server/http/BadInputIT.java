package uk.cpis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import uk.cpis.server.testsupport.DemoTokens;
import uk.cpis.server.testsupport.PostgresServerTest;

/** Bad HTTP input gets a clear OperationOutcome and the right status, never a 500 or a stack trace. */
class BadInputIT extends PostgresServerTest {

    @Test
    void malformedJsonIs400NamingTheParseError() {
        Response response = http().contentType("application/fhir+json")
                .body("{\"resourceType\":\"Patient\", \"name\": [ {\"family\": }")
                .post("/fhir/Patient");

        assertOperationOutcome(response, 400, "Failed to parse request body as JSON");
    }

    @Test
    void malformedXmlIs400NamingTheParseError() {
        Response response = http().contentType("application/fhir+xml")
                .body("<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"x\"></name>")
                .post("/fhir/Patient");

        assertOperationOutcome(response, 400, "Failed to parse request body as XML");
    }

    @Test
    void nonFhirContentTypeIs415() {
        Response response =
                http().contentType("text/plain").body("NHS number 9990000115").post("/fhir/Patient");

        assertOperationOutcome(response, 415, "Unsupported Content-Type 'text/plain'");
    }

    @Test
    void bodyOverTheLimitIs413() {
        Response response = http().contentType("application/fhir+json")
                .body(patientWithPadding(2 * 1024 * 1024))
                .post("/fhir/Patient");

        assertOperationOutcome(response, 413, "larger than the limit of 1048576 bytes");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        byte[] body = patientWithPadding(2 * 1024 * 1024).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/Patient"))
                .header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + DemoTokens.forPersona(serverRoot(), DEFAULT_PERSONA))
                // An input stream of unknown length is sent chunked, with no Content-Length to check up front.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("OperationOutcome", "larger than the limit");
    }

    @Test
    void xmlExternalEntitiesAreNeverResolved() throws Exception {
        Path secret = Files.createTempFile("cpis-xxe", ".txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Patient [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"&xxe;\"/></name></Patient>";

        Response response = http().contentType("application/fhir+xml").body(xml).post("/fhir/Patient");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body().asString()).contains("OperationOutcome").doesNotContain("TOP-SECRET-CONTENT");
    }

    @Test
    void unknownResourceTypeIs404NamingTheType() {
        Response response = http().get("/fhir/Observation");

        assertOperationOutcome(response, 404, "Unknown resource type 'Observation'");
    }

    @Test
    void unknownResourceIdIs404() {
        Response response = http().get("/fhir/Patient/does-not-exist");

        assertOperationOutcome(response, 404, "Patient/does-not-exist");
    }

    private static String patientWithPadding(int bytes) {
        return "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + "x".repeat(bytes) + "\"}]}";
    }

    private static void assertOperationOutcome(Response response, int status, String message) {
        String body = response.body().asString();
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(body).contains("OperationOutcome").contains(message);
        assertThat(body).doesNotContain("\tat ", "Exception:");
    }
}
