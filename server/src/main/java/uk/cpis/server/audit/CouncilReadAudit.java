package uk.cpis.server.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.cpis.server.security.CpisActor;
import uk.cpis.server.security.CurrentCaller;

/**
 * A council's answer about its children is recorded before it is sent, as a security record naming
 * the children and plans shown: HAPI calls this hook after the answer is ready and before a byte of
 * it is written. If the record cannot be stored the council gets 503 and nothing else (fail closed).
 * A clinician's look-up is recorded by the look-up's own audit ({@code lookup.LookUpAudit}).
 */
@Component
@Interceptor
public class CouncilReadAudit {

    private static final Logger log = LoggerFactory.getLogger(CouncilReadAudit.class);

    private final CurrentCaller currentCaller;
    private final AuditTrail auditTrail;
    private final Clock clock;

    public CouncilReadAudit(CurrentCaller currentCaller, AuditTrail auditTrail, Clock clock) {
        this.currentCaller = currentCaller;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean recordBeforeAnswering(RequestDetails request, ResponseDetails response) {
        if (currentCaller.actor() != CpisActor.LOCAL_AUTHORITY_SYSTEM) {
            return true;
        }
        PatientDataAnswer.of(request, response).ifPresent(answer -> {
            try {
                auditTrail.store(record(answer));
            } catch (RuntimeException notStored) {
                log.error(
                        "Answer withheld with 503: its security record could not be stored ({})",
                        notStored.getClass().getName());
                throw new AccessNotRecordedException();
            }
        });
        return true;
    }

    private AuditEvent record(PatientDataAnswer answer) {
        AuditEvent record = AuditRecords.security(
                currentCaller.identity().orElseThrow(),
                answer.interaction(),
                AuditEvent.AuditEventAction.R,
                AuditEvent.AuditEventOutcome._0,
                null,
                Date.from(clock.instant()));
        Set<String> children = new LinkedHashSet<>();
        answer.all(Patient.class).forEach(child -> children.add(reference(child)));
        answer.all(Flag.class)
                .forEach(plan -> children.add(plan.getSubject()
                        .getReferenceElement()
                        .toUnqualifiedVersionless()
                        .getValue()));
        children.forEach(child -> AuditRecords.addPatient(record, null, child));
        answer.all(Flag.class).forEach(plan -> AuditRecords.addFlag(record, reference(plan)));
        return record;
    }

    private static String reference(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        return resource.getIdElement().toUnqualifiedVersionless().getValue();
    }
}
