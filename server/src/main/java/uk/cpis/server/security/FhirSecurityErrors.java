package uk.cpis.server.security;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * 401 and 403 answers of the security filters, as FHIR clients expect them: an OperationOutcome
 * body, and the standard {@code WWW-Authenticate} header of bearer-token authentication.
 */
@Component
public class FhirSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final FhirContext fhirContext;
    private final ApplicationEventPublisher events;
    private final CurrentCaller currentCaller;
    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

    public FhirSecurityErrors(FhirContext fhirContext, ApplicationEventPublisher events, CurrentCaller currentCaller) {
        this.events = events;
        this.currentCaller = currentCaller;
        bearerEntryPoint.setRealmName("CP-IS");
        bearerDenied.setRealmName("CP-IS");
        this.fhirContext = fhirContext;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearerEntryPoint.commence(request, response, failure);
        boolean tokenSent = request.getHeader("Authorization") != null;
        String message = tokenSent
                ? "The bearer token was refused: " + failure.getMessage()
                : "Authentication required: send an OAuth2 bearer token (Authorization: Bearer ...)";
        write(response, IssueType.LOGIN, message);
        events.publishEvent(new RequestRefused(null, RequestRefused.requestLine(request), 401, message));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        bearerDenied.handle(request, response, denied);
        write(response, IssueType.FORBIDDEN, "Access denied");
        events.publishEvent(new RequestRefused(
                currentCaller.identity().orElse(null), RequestRefused.requestLine(request), 403, "Access denied"));
    }

    private void write(HttpServletResponse response, IssueType type, String message) throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getWriter()
                .write(fhirContext.newJsonParser().setPrettyPrint(true).encodeResourceToString(outcome));
    }
}
