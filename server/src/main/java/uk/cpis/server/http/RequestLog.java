package uk.cpis.server.http;

import ca.uhn.fhir.rest.server.interceptor.LoggingInterceptor;
import org.springframework.stereotype.Component;

/**
 * One log line per FHIR request. The format leaves out the query string, the body and exception
 * messages on purpose: searches and validation errors carry NHS numbers. It names the request's
 * trace id ({@link TraceIds}: the caller's TraceID, checked to be safe characters only, or one made up).
 */
@Component
public class RequestLog extends LoggingInterceptor {

    /** The header as {@link TraceIds} hands the request on: always present, checked. */
    private static final String TRACE = "${requestHeader." + TraceIds.TRACE_ID + "}";

    public RequestLog() {
        setLoggerName("cpis.fhir.requests");
        setMessageFormat(
                "${requestVerb} ${operationType} ${idOrResourceName} ${operationName} in ${processingTimeMillis} ms trace "
                        + TRACE);
        setErrorMessageFormat(
                "${requestVerb} ${operationType} ${idOrResourceName} ${operationName} failed trace " + TRACE);
        setLogExceptions(false);
    }
}
