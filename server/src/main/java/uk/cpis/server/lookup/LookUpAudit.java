package uk.cpis.server.lookup;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import java.time.Clock;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.cpis.server.audit.AccessLog;
import uk.cpis.server.audit.AccessNotRecordedException;
import uk.cpis.server.audit.AccessType;
import uk.cpis.server.audit.AuditRecords;
import uk.cpis.server.audit.AuditTrail;
import uk.cpis.server.audit.PatientDataAnswer;
import uk.cpis.server.http.TraceIds;
import uk.cpis.server.lookup.LookUp.Shown;
import uk.cpis.server.security.CpisActor;
import uk.cpis.server.security.CurrentCaller;

/**
 * Every clinician's look-up is recorded before its answer is sent: HAPI calls this hook after the
 * answer is ready and before a byte of it is written. One access record per look-up, whether or not
 * the child has a plan, built from the request's {@link LookUp}: the NHS number asked for, the access
 * type, the child, plans and councils shown, the repeat-attendance tag and the request's trace id. If the record cannot be
 * stored the clinician gets 503 and nothing else (fail closed).
 *
 * <p>A look-up whose answer shows nothing (no child, plan, council or access history: most look-ups)
 * is recorded in the {@link AccessLog}; every other record is a stored HAPI AuditEvent, which is also
 * the child's access history and the council's notification.
 */
@Component
@Interceptor
public class LookUpAudit {

    private static final Logger log = LoggerFactory.getLogger(LookUpAudit.class);

    private final CurrentCaller currentCaller;
    private final LookUps lookUps;
    private final AuditTrail auditTrail;
    private final AccessLog accessLog;
    private final Clock clock;

    public LookUpAudit(
            CurrentCaller currentCaller, LookUps lookUps, AuditTrail auditTrail, AccessLog accessLog, Clock clock) {
        this.currentCaller = currentCaller;
        this.lookUps = lookUps;
        this.auditTrail = auditTrail;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean recordBeforeAnswering(RequestDetails request, ResponseDetails response) {
        if (currentCaller.actor() != CpisActor.CLINICIAN) {
            return true;
        }
        PatientDataAnswer.of(request, response).ifPresent(answer -> {
            try {
                AuditEvent record =
                        accessRecord(request, answer, lookUps.shown(request, response.getResponseResource()));
                if (answer.revealed()) {
                    auditTrail.store(record);
                } else {
                    accessLog.store(record);
                }
            } catch (RuntimeException notStored) {
                log.error(
                        "Answer withheld with 503: its access record could not be stored ({})",
                        notStored.getClass().getName());
                throw new AccessNotRecordedException();
            }
        });
        return true;
    }

    private AuditEvent accessRecord(RequestDetails request, PatientDataAnswer answer, Shown shown) {
        LookUp lookUp = lookUps.current(request);
        // a read by id names no NHS number: the record names the one of the child shown
        String nhsNumber = lookUp.nhsNumber()
                .or(() -> answer.all(Patient.class).stream().findFirst().flatMap(ChildRecord::nhsNumberOf))
                .orElse(null);
        boolean repeatAttendance = lookUp.accessType() == AccessType.UNSCHEDULED
                && lookUps.repeatAttendance(request, shown).isPattern();
        AuditEvent record = AuditRecords.access(
                lookUp.caller(),
                lookUp.accessType(),
                answer.interaction(),
                Date.from(clock.instant()),
                nhsNumber,
                shown.child().orElse(null),
                shown.plans().stream().map(ChildRecord::reference).toList(),
                shown.councilOdsCodes(),
                repeatAttendance);
        // after the person looked up, which stays the first entity
        AuditRecords.addTraceId(record, TraceIds.of(request).orElse(null));
        return record;
    }
}
