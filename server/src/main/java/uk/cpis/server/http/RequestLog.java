package uk.cpis.server.http;

import ca.uhn.fhir.rest.server.interceptor.LoggingInterceptor;
import org.springframework.stereotype.Component;

/**
 * One log line per FHIR request. The format leaves out the query string, the body and exception
 * messages on purpose: searches and validation errors carry NHS numbers.
 */
@Component
public class RequestLog extends LoggingInterceptor {

    public RequestLog() {
        setLoggerName("cpis.fhir.requests");
        setMessageFormat(
                "${requestVerb} ${operationType} ${idOrResourceName} ${operationName} in ${processingTimeMillis} ms");
        setErrorMessageFormat("${requestVerb} ${operationType} ${idOrResourceName} ${operationName} failed");
        setLogExceptions(false);
    }
}
