package uk.cpis.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import org.hl7.fhir.instance.model.api.IIdType;
import org.junit.jupiter.api.Test;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;
import uk.cpis.server.testsupport.TestPostgres;

/** PostgreSQL going away mid-run: fast 503s, readiness DOWN, and service back without a restart. */
class DatabaseOutageIT extends PostgresServerTest {

    @Test
    void whilePostgresIsDownRequestsGet503AndTheServerRecoversWhenItReturns() throws Exception {
        IIdType id = uploadPlan(TestCouncil.MEDWAY, NhsNumbers.next(), CpisResources.CPP, plan -> {})
                .getIdElement();

        TestPostgres.cluster("stop");
        try {
            Instant start = Instant.now();
            Response read = http().get("/fhir/" + id.getValue());
            assertThat(Duration.between(start, Instant.now()))
                    .as("fails fast, no hang")
                    .isLessThan(Duration.ofSeconds(20));
            assertUnavailable(read);
            assertUnavailable(http().get("/fhir/Patient?family=Outage"));
            // a valid child, so that only the database stands between it and being stored
            assertUnavailable(http().contentType("application/fhir+json")
                    .body(FHIR.newJsonParser().encodeResourceToString(CpisResources.child(NhsNumbers.next())))
                    .post("/fhir/Patient"));

            Response readiness = anonymous().get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body().asString()).contains("DOWN");
            assertThat(anonymous().get("/actuator/health/liveness").statusCode())
                    .isEqualTo(200);
        } finally {
            TestPostgres.cluster("start");
        }

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        int status = 0;
        while (Instant.now().isBefore(deadline) && status != 200) {
            status = http().get("/fhir/" + id.getValue()).statusCode();
        }
        assertThat(status).as("serves again without a restart").isEqualTo(200);
        assertThat(anonymous().get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    private static void assertUnavailable(Response response) {
        String body = response.body().asString();
        assertThat(response.statusCode()).as(body).isEqualTo(503);
        assertThat(body).contains("OperationOutcome", "database is unavailable");
        assertThat(response.header("Retry-After")).isNotBlank();
    }
}
