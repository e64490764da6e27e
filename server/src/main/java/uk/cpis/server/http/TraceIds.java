package uk.cpis.server.http;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.MDC;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request has one trace id, as in the national CP-IS API: the caller's {@code TraceID} header,
 * else its {@code X-Request-ID}, else a new random UUID. Both headers are echoed on every answer
 * ({@code X-Request-ID} as sent, or the trace id), also on 401s and errors, because this filter runs
 * before the security filters. The trace id is in the request log line, in the log context
 * ({@value #LOG_KEY}, shown by the structured log formats) and in the access record of a look-up.
 *
 * <p>A header value is used only if it is 1 to {@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9 . _ -}
 * (a UUID fits): anything else (spaces, line breaks, control or non-ASCII characters) is refused with
 * 400 and an OperationOutcome that does not repeat the value, so a header can never forge a log line.
 * The filter hands the request on with the checked values, so HAPI (which keeps {@code X-Request-ID} as
 * the request id of what it stores) and the log read only those.
 */
@Configuration
public class TraceIds {

    public static final String TRACE_ID = "TraceID";
    public static final String REQUEST_ID = "X-Request-ID";
    public static final int MAX_LENGTH = 64;
    static final String LOG_KEY = "traceId";
    static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");
    private static final String ATTRIBUTE = TraceIds.class.getName();

    /** The trace id of this request (set by the filter; a FHIR request always has one). */
    public static Optional<String> of(RequestDetails request) {
        Object value = request.getAttribute(ATTRIBUTE);
        return value instanceof String traceId ? Optional.of(traceId) : Optional.empty();
    }

    /** The trace id of this request, for code that has the servlet request. */
    public static Optional<String> of(ServletRequest request) {
        Object value = request.getAttribute(ATTRIBUTE);
        return value instanceof String traceId ? Optional.of(traceId) : Optional.empty();
    }

    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> traceIdFilter(FhirContext fhirContext) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new TraceIdFilter(fhirContext));
        registration.addUrlPatterns("/*");
        registration.setName("cpisTraceIds");
        // before Spring Security (order -100), so that its 401 and 403 answers carry the headers too
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    private static final class TraceIdFilter extends OncePerRequestFilter {

        private final FhirContext fhirContext;

        TraceIdFilter(FhirContext fhirContext) {
            this.fhirContext = fhirContext;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String traceIdSent = sent(request, TRACE_ID);
            String requestIdSent = sent(request, REQUEST_ID);
            String refused = !acceptable(traceIdSent) ? TRACE_ID : !acceptable(requestIdSent) ? REQUEST_ID : null;
            if (refused != null) {
                String fresh = UUID.randomUUID().toString();
                response.setHeader(TRACE_ID, fresh);
                response.setHeader(REQUEST_ID, fresh);
                refuse(response, refused);
                return;
            }
            String traceId = traceIdSent != null ? traceIdSent : requestIdSent != null ? requestIdSent : newTraceId();
            String requestId = requestIdSent != null ? requestIdSent : traceId;
            request.setAttribute(ATTRIBUTE, traceId);
            response.setHeader(TRACE_ID, traceId);
            response.setHeader(REQUEST_ID, requestId);
            MDC.put(LOG_KEY, traceId);
            try {
                chain.doFilter(new CheckedHeaders(request, traceId, requestId), response);
            } finally {
                MDC.remove(LOG_KEY);
            }
        }

        /** An empty header is treated as absent, as some clients send one. */
        private static String sent(HttpServletRequest request, String header) {
            String value = request.getHeader(header);
            return value == null || value.isEmpty() ? null : value;
        }

        private void refuse(HttpServletResponse response, String header) throws IOException {
            OperationOutcome outcome = new OperationOutcome();
            outcome.addIssue()
                    .setSeverity(IssueSeverity.ERROR)
                    .setCode(IssueType.VALUE)
                    .setDiagnostics("The " + header + " header must be 1 to " + MAX_LENGTH
                            + " characters of A-Z, a-z, 0-9, '.', '_' and '-' (a UUID, for example)")
                    .addExpression("http.header." + header);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/fhir+json;charset=UTF-8");
            response.getWriter()
                    .write(fhirContext.newJsonParser().setPrettyPrint(true).encodeResourceToString(outcome));
        }
    }

    /** Absent, or safe to write anywhere as it is. */
    static boolean acceptable(String value) {
        return value == null || SAFE.matcher(value).matches();
    }

    static String newTraceId() {
        return UUID.randomUUID().toString();
    }

    /** The request with exactly the checked trace headers, one value each. */
    private static final class CheckedHeaders extends HttpServletRequestWrapper {
        private final String traceId;
        private final String requestId;

        CheckedHeaders(HttpServletRequest request, String traceId, String requestId) {
            super(request);
            this.traceId = traceId;
            this.requestId = requestId;
        }

        private String checked(String name) {
            if (TRACE_ID.equalsIgnoreCase(name)) {
                return traceId;
            }
            if (REQUEST_ID.equalsIgnoreCase(name)) {
                return requestId;
            }
            return null;
        }

        @Override
        public String getHeader(String name) {
            String value = checked(name);
            return value != null ? value : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String value = checked(name);
            return value != null ? Collections.enumeration(List.of(value)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> all = super.getHeaderNames(); all.hasMoreElements(); ) {
                String name = all.nextElement();
                if (checked(name) == null) {
                    names.add(name);
                }
            }
            names.add(TRACE_ID);
            names.add(REQUEST_ID);
            return Collections.enumeration(names);
        }
    }
}
