package uk.cpis.server.http;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.net.ConnectException;
import java.net.URLDecoder;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Turns failures into answers a client can act on, without internals: a lost database is a 503
 * (retry later), anything unexpected is a 500 with an incident id that matches the server log and
 * no exception text, which could carry SQL or patient data.
 */
@Component
@Interceptor
public class ErrorResponses {

    static final String DATABASE_UNAVAILABLE =
            "The CP-IS database is unavailable; nothing was read or changed. Retry shortly.";
    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private final DataSource dataSource;

    public ErrorResponses(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException toClientError(RequestDetails request, Throwable exception) {
        boolean clientError =
                exception instanceof BaseServerResponseException && !(exception instanceof InternalErrorException);
        BaseServerResponseException badInput = clientError ? null : badInput(exception);
        if (badInput != null) {
            return badInput;
        }
        // A lost database shows up as many different exceptions (a dead pooled connection, a failed
        // rollback...); when a request fails unexpectedly, asking the pool for a working connection
        // tells for certain.
        if (isDatabaseUnavailable(exception) || (!clientError && !databaseReachable())) {
            log.warn(
                    "Request refused with 503: database unavailable ({})",
                    exception.getClass().getSimpleName());
            UnclassifiedServerFailureException unavailable =
                    new UnclassifiedServerFailureException(503, DATABASE_UNAVAILABLE);
            unavailable.addResponseHeader("Retry-After", "5");
            return unavailable;
        }
        if (exception instanceof ResourceVersionConflictException conflict && isDatabaseDetail(conflict.getMessage())) {
            // HAPI quotes the failed SQL, with the conditional URLs (NHS numbers) of the records involved
            return withIssueType(new ResourceVersionConflictException("Another request changed the same records at"
                    + " the same time; nothing was stored. Send the request again."));
        }
        if (clientError) {
            return withIssueType((BaseServerResponseException) exception);
        }
        String incident = UUID.randomUUID().toString();
        log.error("Internal error, incident {}: {}", incident, describeWithoutMessages(exception));
        return new InternalErrorException("Internal server error, incident " + incident
                + ". The request was not completed; report the incident id to the CP-IS service desk.");
    }

    /**
     * A refusal without an OperationOutcome of its own gets one whose {@code issue.code} says the kind of
     * problem (HAPI would say {@code processing} for all), so a client can tell a rule's refusal from an
     * unknown id without reading the message. Refusals with a reject reason already carry theirs.
     */
    static BaseServerResponseException withIssueType(BaseServerResponseException refusal) {
        if (refusal.getOperationOutcome() != null) {
            return refusal;
        }
        OperationOutcome.IssueType type = switch (refusal.getStatusCode()) {
            case 403 -> OperationOutcome.IssueType.FORBIDDEN;
            case 404, 410 -> OperationOutcome.IssueType.NOTFOUND;
            case 409 -> OperationOutcome.IssueType.CONFLICT;
            case 412 -> OperationOutcome.IssueType.MULTIPLEMATCHES;
            default -> null;
        };
        if (type != null) {
            OperationOutcome outcome = new OperationOutcome();
            outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(type)
                    .setDiagnostics(refusal.getMessage());
            refusal.setOperationOutcome(outcome);
        }
        return refusal;
    }

    /**
     * Input HAPI or its validator could not read, which they report as an internal error: a value of the
     * wrong form (a date of 10 digits), a {@code %} that starts no escape, a body nested deeper than the
     * validator's JSON reader goes. Found by bench/faults' fuzz run. The answer is 400 and names the
     * problem; HAPI's message about a value quotes only the caller's own input.
     */
    static BaseServerResponseException badInput(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataFormatException) {
                return invalid(
                        OperationOutcome.IssueType.VALUE, "A value in the request is not valid: " + cause.getMessage());
            }
            if (cause instanceof IllegalArgumentException
                    && cause.getStackTrace().length > 0
                    && URLDecoder.class.getName().equals(cause.getStackTrace()[0].getClassName())) {
                return invalid(
                        OperationOutcome.IssueType.INVALID,
                        "The request URL is not valid: a '%' must start an escape of two hexadecimal digits (%7C for |)");
            }
            if (cause instanceof NullPointerException && thrownByAParser(cause)) {
                return invalid(
                        OperationOutcome.IssueType.STRUCTURE,
                        "The body cannot be read as FHIR: an element holds null or a value of the wrong kind");
            }
            if (cause.getClass().getName().startsWith("com.google.gson.")
                    || (cause instanceof StackOverflowError && overflowedReadingTheBody(cause))) {
                // gson's reader stops at 255 levels; the validator's element model recurses per level and can
                // run out of stack before that (how deep depends on the thread and the JIT): both are the body.
                // A stack overflow anywhere else is the server's own fault and stays a 500.
                return invalid(
                        OperationOutcome.IssueType.STRUCTURE,
                        "The body cannot be read for validation: it is nested too deeply or malformed");
            }
        }
        return null;
    }

    /** HAPI's parser, or the validator's own (the HL7 element model), tripped over the body. */
    private static boolean thrownByAParser(Throwable cause) {
        StackTraceElement[] frames = cause.getStackTrace();
        return frames.length > 0
                && (frames[0].getClassName().startsWith("ca.uhn.fhir.parser.")
                        || frames[0].getClassName().startsWith("org.hl7.fhir.r5.elementmodel."));
    }

    /** The recursion that ran out of stack was a parser's or the validator's, walking the body. */
    private static boolean overflowedReadingTheBody(Throwable overflow) {
        return Arrays.stream(overflow.getStackTrace())
                .limit(64)
                .map(StackTraceElement::getClassName)
                .anyMatch(name -> name.startsWith("ca.uhn.fhir.parser.")
                        || name.startsWith("org.hl7.fhir.r5.elementmodel.")
                        || name.startsWith("org.hl7.fhir.validation.")
                        || name.startsWith("org.hl7.fhir.utilities.json."));
    }

    private static BaseServerResponseException invalid(OperationOutcome.IssueType type, String message) {
        InvalidRequestException invalid = new InvalidRequestException(message);
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(type)
                .setDiagnostics(message);
        invalid.setOperationOutcome(outcome);
        return invalid;
    }

    private static boolean isDatabaseDetail(String message) {
        return message != null
                && (message.contains("could not execute")
                        || message.contains("duplicate key")
                        || message.contains("insert into")
                        || message.contains("constraint"));
    }

    private boolean databaseReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Exception classes and where they were thrown, but not their messages (which may hold patient data). */
    static String describeWithoutMessages(Throwable exception) {
        StringBuilder description = new StringBuilder();
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (!description.isEmpty()) {
                description.append(" <- ");
            }
            description.append(cause.getClass().getName());
            StackTraceElement[] frames = cause.getStackTrace();
            // where it was thrown, a few frames deep: enough to find the fault, and frames hold no data
            for (int i = 0; i < Math.min(frames.length, 12); i++) {
                description.append(i == 0 ? " at " : " < ").append(frames[i]);
            }
        }
        return description.toString();
    }

    static boolean isDatabaseUnavailable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof ConnectException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01-57P03: server shutting down or not accepting connections
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
