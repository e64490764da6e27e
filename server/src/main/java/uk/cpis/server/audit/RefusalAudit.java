package uk.cpis.server.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.Clock;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import uk.cpis.server.security.CallerIdentity;
import uk.cpis.server.security.CurrentCaller;
import uk.cpis.server.security.RequestRefused;

/**
 * Every refused request is recorded: 401 (no or bad token) and 403 (no rule allows it), whether the
 * security filters or the FHIR rules refused it. The record holds who (if known), the request line
 * and why; never the body. Failing to record a refusal does not turn it into an allowance, so a
 * storage failure here is logged and the refusal still sent.
 */
@Component
@Interceptor
public class RefusalAudit {

    private static final Logger log = LoggerFactory.getLogger(RefusalAudit.class);

    private final CurrentCaller currentCaller;
    private final AuditTrail auditTrail;
    private final Clock clock;

    public RefusalAudit(CurrentCaller currentCaller, AuditTrail auditTrail, Clock clock) {
        this.clock = clock;
        this.currentCaller = currentCaller;
        this.auditTrail = auditTrail;
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean refusedByFhirRules(RequestDetails request, BaseServerResponseException exception) {
        if (exception.getStatusCode() == 403 && request instanceof ServletRequestDetails servlet) {
            record(
                    currentCaller.identity().orElse(null),
                    RequestRefused.requestLine(servlet.getServletRequest()),
                    403,
                    exception.getMessage());
        }
        return true;
    }

    @EventListener
    public void refusedBySecurityFilters(RequestRefused refused) {
        record(refused.caller(), refused.requestLine(), refused.status(), refused.reason());
    }

    private void record(CallerIdentity caller, String requestLine, int status, String reason) {
        AuditEvent record = AuditRecords.security(
                caller,
                null,
                AuditEvent.AuditEventAction.E,
                AuditEvent.AuditEventOutcome._4,
                status + " " + reason,
                Date.from(clock.instant()));
        AuditRecords.addQuery(record, requestLine);
        try {
            auditTrail.store(record);
        } catch (RuntimeException notStored) {
            log.warn(
                    "A refused request ({}) could not be recorded ({})",
                    status,
                    notStored.getClass().getName());
        }
    }
}
