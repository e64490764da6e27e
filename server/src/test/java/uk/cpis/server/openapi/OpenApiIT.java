package uk.cpis.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.cpis.server.contract.Operations;
import uk.cpis.server.testsupport.PostgresServerTest;

/**
 * The OpenAPI document and Swagger UI are open without a token, describe what the access policy
 * allows (the trimmed CapabilityStatement: no PATCH, no history) with the bearer token and the
 * national API's headers, and open nothing else: data paths still need a token, and any other path
 * under Swagger UI is 404 without reaching the FHIR endpoint.
 */
class OpenApiIT extends PostgresServerTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private JsonNode document() throws Exception {
        Response response = anonymous().get("/fhir/api-docs");
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        // kept as a test artefact, for reading what a vendor sees
        Files.writeString(Path.of("target", "api-docs.yaml"), response.body().asString());
        return YAML.readTree(response.body().asString());
    }

    @Test
    void theDocumentIsOpenAndDeclaresTheBearerToken() throws Exception {
        JsonNode document = document();
        assertThat(document.path("openapi").asText()).startsWith("3.");
        JsonNode scheme = document.path("components").path("securitySchemes").path("bearer");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asText()).isEqualTo("JWT");
        assertThat(document.path("security").get(0).has("bearer")).isTrue();
        // the CapabilityStatement is open, and says so
        assertThat(document.path("paths")
                        .path("/metadata")
                        .path("get")
                        .path("security")
                        .isArray())
                .isTrue();
        assertThat(document.path("paths").path("/metadata").path("get").path("security"))
                .isEmpty();
    }

    @Test
    void theCpisOperationsAndHeadersAreDescribed() throws Exception {
        JsonNode paths = document().path("paths");
        JsonNode lookUp = paths.path("/Patient/" + Operations.LOOKUP).path("get");
        assertThat(lookUp.isMissingNode()).as("GET /Patient/$cpis-lookup").isFalse();
        assertThat(headerNames(lookUp)).contains("IsUnscheduledAccessEvent", "TraceID", "X-Request-ID");
        assertThat(queryNames(lookUp)).contains("identifier");
        assertThat(lookUp.path("summary").asText()).contains("NHS number");
        assertThat(paths.has("/" + Operations.STATISTICS))
                .as("$cpis-statistics")
                .isTrue();
        assertThat(paths.has("/Organization/" + Operations.SIGNATORY))
                .as("$cpis-signatory")
                .isTrue();
        assertThat(headerNames(paths.path("/AuditEvent").path("get"))).contains("IsUnscheduledAccessEvent", "TraceID");
        assertThat(headerNames(paths.path("/Flag").path("get"))).contains("IsUnscheduledAccessEvent");
        assertThat(paths.path("/Flag").path("get").path("responses").has("403")).isTrue();
    }

    @Test
    void nothingThePolicyRefusesIsDescribed() throws Exception {
        JsonNode paths = document().path("paths");
        List<String> names = new ArrayList<>();
        paths.fieldNames().forEachRemaining(names::add);
        assertThat(names).isNotEmpty();
        for (String path : names) {
            assertThat(paths.path(path).has("patch")).as("PATCH " + path).isFalse();
            // history of a record, a type or the server; a version read (vread) is allowed and stays
            assertThat(path).as("history").doesNotEndWith("/_history");
            assertThat(path).as("operation on one record").doesNotContain("/{id}/$");
            assertThat(path).as("expunge, everything, meta and the like").doesNotContain("$expunge", "$everything");
        }
        // types the server does not serve, and interactions nobody has
        assertThat(names).noneMatch(path -> path.startsWith("/Observation"));
        assertThat(paths.path("/AuditEvent/{id}").has("delete")).isFalse();
        assertThat(paths.path("/Patient/{id}").has("delete")).isFalse();
        assertThat(paths.path("/Patient/{id}").has("put")).isTrue();
    }

    @Test
    void swaggerUiIsServedFromTheWebjarWithoutAToken() {
        Response page = anonymous().accept("text/html").get("/fhir/swagger-ui/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body().asString()).contains("swagger-ui-bundle.js", "api-docs");
        Response script = anonymous().get("/fhir/swagger-ui/swagger-ui-bundle.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body().asString()).contains("SwaggerUIBundle");
        assertThat(anonymous().get("/fhir/swagger-ui/swagger-ui.css").statusCode())
                .isEqualTo(200);
    }

    @Test
    void swaggerUiOpensNoOtherPath() {
        // data paths still need a token
        assertThat(anonymous().get("/fhir/Flag").statusCode()).isEqualTo(401);
        assertThat(anonymous().get("/fhir/Patient/1").statusCode()).isEqualTo(401);
        assertThat(anonymous().get("/fhir/Patient/$cpis-lookup?identifier=x").statusCode())
                .isEqualTo(401);
        // only GET is open, and only the document and the page's own files
        assertThat(anonymous()
                        .contentType("application/fhir+json")
                        .body("{}")
                        .post("/fhir/api-docs")
                        .statusCode())
                .isEqualTo(401);
        assertThat(anonymous()
                        .contentType("application/fhir+json")
                        .body("{}")
                        .post("/fhir/swagger-ui/")
                        .statusCode())
                .isEqualTo(401);
        assertThat(anonymous().get("/fhir/swagger-ui/a/b").statusCode()).isEqualTo(401);
        assertThat(anonymous().get("/fhir/swagger-ui").statusCode()).isEqualTo(401);
        // any other file under Swagger UI is 404 here, never the FHIR endpoint nor a 500
        for (String other : List.of("Patient", "swagger-initializer.js", "index.htm", "nothing.js", "$meta")) {
            Response answer = anonymous().get("/fhir/swagger-ui/" + other);
            assertThat(answer.statusCode()).as(other).isEqualTo(404);
            assertThat(answer.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
        }
        Response oddPage = anonymous().get("/fhir/swagger-ui/?page=%3Cscript%3E");
        assertThat(oddPage.statusCode()).isEqualTo(404);
        // traversal out of the page's folder is refused before the server sees it
        assertThat(anonymous()
                        .urlEncodingEnabled(false)
                        .get("/fhir/swagger-ui/%2e%2e/Flag")
                        .statusCode())
                .isIn(400, 401);
    }

    private static List<String> headerNames(JsonNode operation) {
        return parameterNames(operation, "header");
    }

    private static List<String> queryNames(JsonNode operation) {
        return parameterNames(operation, "query");
    }

    private static List<String> parameterNames(JsonNode operation, String in) {
        List<String> names = new ArrayList<>();
        operation.path("parameters").forEach(parameter -> {
            if (in.equals(parameter.path("in").asText())) {
                names.add(parameter.path("name").asText());
            }
        });
        return names;
    }
}
