package uk.cpis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class ErrorResponsesTest {

    private final ErrorResponses errorResponses = new ErrorResponses(workingDatabase());

    @Test
    void unexpectedErrorWhileTheDatabaseCannotBeReachedIsA503() {
        var withoutDatabase = new ErrorResponses(unreachableDatabase());

        var answer = withoutDatabase.toClientError(null, new IllegalStateException("Connection is closed"));

        assertThat(answer.getStatusCode()).isEqualTo(503);
    }

    @Test
    void lostConnectionAnywhereInTheCauseChainIsA503() {
        var wrapped = new InternalErrorException(
                "HAPI-0000: failed",
                new RuntimeException(new SQLTransientConnectionException(
                        "Connection is not available, request timed out after 3000ms")));

        var answer = errorResponses.toClientError(null, wrapped);

        assertThat(answer.getStatusCode()).isEqualTo(503);
        assertThat(answer.getMessage()).contains("database is unavailable");
    }

    @Test
    void postgresShuttingDownIsA503() {
        var shutdown = new RuntimeException(new SQLException("terminating connection", "57P01"));

        assertThat(errorResponses.toClientError(null, shutdown).getStatusCode()).isEqualTo(503);
    }

    @Test
    void clientErrorsPassThroughUnchanged() {
        var badRequest = new InvalidRequestException("Unknown search parameter 'foo'");

        assertThat(errorResponses.toClientError(null, badRequest)).isSameAs(badRequest);
    }

    @Test
    void unexpectedErrorsBecomeA500WithAnIncidentIdAndNoInternalDetail() {
        var unexpected = new IllegalStateException("row for NHS number 9990000115 violates constraint");

        var answer = errorResponses.toClientError(null, unexpected);

        assertThat(answer.getStatusCode()).isEqualTo(500);
        assertThat(answer.getMessage()).contains("incident").doesNotContain("9990000115", "constraint");
    }

    /** An in-memory H2 database: a real one, always there. */
    private static DataSource workingDatabase() {
        return new DriverManagerDataSource("jdbc:h2:mem:error-responses-test", "sa", "");
    }

    /** Nothing listens on port 1. */
    private static DataSource unreachableDatabase() {
        return new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "none", "");
    }

    @Test
    void logDescriptionNamesExceptionsButNotTheirMessages() {
        var unexpected = new IllegalStateException("NHS number 9990000115", new SQLException("value 9990000115"));

        assertThat(ErrorResponses.describeWithoutMessages(unexpected))
                .contains("IllegalStateException", "SQLException")
                .doesNotContain("9990000115");
    }
}
