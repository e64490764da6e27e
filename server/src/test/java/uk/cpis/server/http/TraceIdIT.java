package uk.cpis.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.cpis.server.testsupport.CpisResources.CPP;

import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationOptions;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import uk.cpis.server.audit.AccessLog;
import uk.cpis.server.audit.AuditRecords;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.contract.Profiles;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;

/**
 * National-API parity: the {@code TraceID} header (or {@code X-Request-ID}) is echoed on every answer,
 * one is made up when absent, it is in the request log line and in the look-up's access record, and a
 * value that could forge a log line is refused with 400. The national access-history query form is
 * answered like the server's own.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceIdIT extends PostgresServerTest {

    static final String NHS = IdentifierSystems.NHS_NUMBER + "%7C"; // the tests' client sends the query as written
    static final String UUID_FORM = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Autowired
    FhirValidator cpisProfileValidator;

    @Autowired
    AccessLog accessLog;

    @Test
    void theTraceIdSentIsEchoedAndTheRequestIdFollowsIt() {
        String traceId = UUID.randomUUID().toString();
        Response answer = httpAs("board-admin").header("TraceID", traceId).get("/fhir/Organization?_count=1");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().getValues("TraceID")).containsExactly(traceId);
        assertThat(answer.headers().getValues("X-Request-ID")).containsExactly(traceId);

        Response both = httpAs("board-admin")
                .header("TraceID", "national-1")
                .header("X-Request-ID", "vendor.2")
                .get("/fhir/Organization?_count=1");
        assertThat(both.header("TraceID")).isEqualTo("national-1");
        assertThat(both.headers().getValues("X-Request-ID")).containsExactly("vendor.2");

        Response requestIdOnly =
                httpAs("board-admin").header("X-Request-ID", "vendor_3").get("/fhir/metadata");
        assertThat(requestIdOnly.header("TraceID")).isEqualTo("vendor_3");
        assertThat(requestIdOnly.header("X-Request-ID")).isEqualTo("vendor_3");
    }

    @Test
    void anAnswerWithoutOneGetsANewUuidEvenWhenRefused() {
        for (Response answer : List.of(
                anonymous().get("/fhir/metadata"),
                anonymous().get("/fhir/Flag"), // 401 from the security filters
                httpAs("ed-clinician").get("/fhir/Flag"), // 403 from the access policy
                anonymous().header("TraceID", "").get("/fhir/metadata"), // empty is absent
                anonymous().get("/ig/"))) {
            assertThat(answer.header("TraceID")).as(answer.statusLine()).matches(UUID_FORM);
            assertThat(answer.header("X-Request-ID")).isEqualTo(answer.header("TraceID"));
        }
        assertThat(anonymous().get("/fhir/metadata").header("TraceID"))
                .isNotEqualTo(anonymous().get("/fhir/metadata").header("TraceID"));
    }

    @Test
    void anUnsafeValueIsRefusedWithoutRepeatingIt(CapturedOutput output) {
        List<String> unsafe =
                List.of("a b", "x".repeat(65), "id;drop", "id\"quoted", "{json}", "ok%0d%0aFAKE", "fake=log");
        for (String value : unsafe) {
            for (String header : List.of("TraceID", "X-Request-ID")) {
                Response refused = httpAs("board-admin").header(header, value).get("/fhir/Organization");
                assertThat(refused.statusCode()).as(header + ": " + value).isEqualTo(400);
                assertThat(refused.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
                assertThat(refused.jsonPath().getString("issue[0].code")).isEqualTo("value");
                assertThat(refused.jsonPath().getString("issue[0].diagnostics")).contains(header);
                if (!value.isBlank()) {
                    assertThat(refused.body().asString()).doesNotContain(value);
                }
                assertThat(refused.header("TraceID")).matches(UUID_FORM);
            }
        }
        assertThat(output.getAll()).doesNotContain("ok%0d%0aFAKE", "id;drop");
        // the longest accepted value
        assertThat(httpAs("board-admin")
                        .header("TraceID", "x".repeat(64))
                        .get("/fhir/metadata")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theLogLineNamesTheTraceIdAndNoNhsNumber(CapturedOutput output) {
        String nhsNumber = NhsNumbers.next();
        String traceId = UUID.randomUUID().toString();
        httpAs("ed-clinician")
                .header("TraceID", traceId)
                .queryParam("patient:identifier", NHS + nhsNumber)
                .get("/fhir/Flag")
                .then()
                .statusCode(200);
        // the line is logged when the request completes, which may be just after the client has the answer
        String line = null;
        for (int attempt = 0; attempt < 50 && line == null; attempt++) {
            line = output.getAll()
                    .lines()
                    .filter(logged -> logged.contains("cpis.fhir.requests") && logged.contains(traceId))
                    .findFirst()
                    .orElse(null);
            if (line == null) {
                sleep(100);
            }
        }
        assertThat(line).as("the request log line with trace " + traceId).isNotNull();
        assertThat(line).contains("GET search-type Flag", "trace " + traceId).doesNotContain(nhsNumber);
    }

    @Test
    void theAccessRecordOfALookUpNamesTheTraceId() {
        Date before = new Date(System.currentTimeMillis() - 1000);
        String flagged = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, flagged, CPP, change -> {});
        String traceId = UUID.randomUUID().toString();
        httpAs("ed-clinician")
                .header("TraceID", traceId)
                .queryParam("identifier", NHS + flagged)
                .get("/fhir/Patient/$cpis-lookup")
                .then()
                .statusCode(200);
        AuditEvent stored = storedAccessRecordsNaming(flagged, Duration.ofMinutes(5)).stream()
                .filter(record -> AuditRecords.traceIdOf(record).isPresent())
                .reduce((first, second) -> second)
                .orElseThrow();
        assertThat(AuditRecords.traceIdOf(stored)).contains(traceId);
        assertNoProfileErrors(stored);

        // a look-up that showed nothing is kept in the access log, with its trace id too
        String unknown = NhsNumbers.next();
        Response nothing = httpAs("ed-clinician")
                .header("X-Request-ID", "vendor-lookup-7")
                .queryParam("identifier", NHS + unknown)
                .get("/fhir/Patient/$cpis-lookup");
        assertThat(nothing.statusCode()).isEqualTo(200);
        List<AuditEvent> logged = accessLog.lookUpsOf(unknown, before);
        assertThat(logged).singleElement().satisfies(record -> {
            assertThat(AuditRecords.traceIdOf(record)).contains("vendor-lookup-7");
            assertNoProfileErrors(record);
        });
    }

    /**
     * The national CP-IS API's access-history query, exactly as its use case sends it (the
     * {@code :identifier} modifier, both national headers): the clinician's own access history search,
     * the last 25 unscheduled accesses, newest first, itself recorded with the trace id.
     */
    @Test
    void theNationalAccessHistoryQueryFormIsAnswered() {
        String nhsNumber = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, nhsNumber, CPP, change -> {});
        httpAs("ed-clinician")
                .queryParam("identifier", NHS + nhsNumber)
                .get("/fhir/Patient/$cpis-lookup")
                .then()
                .statusCode(200);
        String traceId = UUID.randomUUID().toString();

        Response history = httpAs("ed-clinician")
                .header("TraceID", traceId)
                .header("IsUnscheduledAccessEvent", "true")
                .queryParam("patient:identifier", NHS + nhsNumber)
                .get("/fhir/AuditEvent");

        assertThat(history.statusCode()).as(history.body().asString()).isEqualTo(200);
        assertThat(history.header("TraceID")).isEqualTo(traceId);
        assertThat(history.jsonPath().getString("type")).isEqualTo("searchset");
        List<String> types = history.jsonPath().getList("entry.resource.resourceType");
        assertThat(types).isNotEmpty().containsOnly("AuditEvent");
        assertThat(history.jsonPath()
                        .getList(
                                "entry.resource.extension.flatten().findAll { it.url.endsWith('cpis-access-type') }.valueCode",
                                String.class))
                .isNotEmpty()
                .containsOnly("unscheduled");
        assertThat(storedAccessRecordsNaming(nhsNumber, Duration.ofMinutes(5)))
                .anySatisfy(record -> assertThat(AuditRecords.traceIdOf(record)).contains(traceId));
        // the national answer also includes the viewers' PractitionerRoles; here the viewer is inside each
        // AuditEvent (agent), and asking to include agents is refused like any include the policy lacks
        assertThat(httpAs("ed-clinician")
                        .queryParam("patient:identifier", NHS + nhsNumber)
                        .queryParam("_include", "AuditEvent:agent")
                        .get("/fhir/AuditEvent")
                        .statusCode())
                .isEqualTo(403);
    }

    private void assertNoProfileErrors(AuditEvent record) {
        var validation = cpisProfileValidator.validateWithResult(
                record, new ValidationOptions().addProfile(Profiles.ACCESS_AUDITEVENT));
        assertThat(validation.getMessages())
                .filteredOn(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
