package uk.cpis.server.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Published when the security filters refuse a request (401 or 403) before it reaches the FHIR
 * server, so that the refusal is recorded like any other.
 *
 * @param caller who it was, or {@code null} when no valid token was sent
 * @param requestLine method, path and query string (never the body)
 * @param status the HTTP status sent
 * @param reason why, in the words of the answer
 */
public record RequestRefused(CallerIdentity caller, String requestLine, int status, String reason) {

    /** Method, path and query string of a request: what was asked, without the body. */
    public static String requestLine(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getMethod() + " " + request.getRequestURI() + (query == null ? "" : "?" + query);
    }
}
