package uk.cpis.server.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.time.Clock;
import java.util.Date;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;
import uk.cpis.server.security.CurrentCaller;

/**
 * Every change to a child's record or a plan (created, updated, ended, marked entered in error) is
 * recorded in the same database transaction as the change itself, so there is never a change
 * without its record. The record names the resource and version, never its content.
 */
@Component
@Interceptor
public class WriteAudit {

    private final CurrentCaller currentCaller;
    private final AuditTrail auditTrail;
    private final Clock clock;

    public WriteAudit(CurrentCaller currentCaller, AuditTrail auditTrail, Clock clock) {
        this.clock = clock;
        this.currentCaller = currentCaller;
        this.auditTrail = auditTrail;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        record(resource, AuditEventAction.C, "create", resource instanceof Flag ? "plan created" : "record created");
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource oldResource, IBaseResource newResource) {
        record(newResource, AuditEventAction.U, "update", describeChange(oldResource, newResource));
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        record(resource, AuditEventAction.D, "delete", "record deleted");
    }

    private void record(IBaseResource resource, AuditEventAction action, String interaction, String what) {
        if (!(resource instanceof Patient) && !(resource instanceof Flag)) {
            return;
        }
        currentCaller.identity().ifPresent(caller -> {
            AuditEvent record = AuditRecords.security(
                    caller, interaction, action, AuditEvent.AuditEventOutcome._0, null, Date.from(clock.instant()));
            String reference = resource.getIdElement().toUnqualified().getValue();
            if (resource instanceof Patient child) {
                AuditRecords.addPatient(record, AuditRecords.nhsNumberOf(child), reference);
                record.getEntityFirstRep().setDescription(what);
            } else if (resource instanceof Flag plan) {
                AuditRecords.addPatient(
                        record,
                        null,
                        plan.getSubject()
                                .getReferenceElement()
                                .toUnqualifiedVersionless()
                                .getValue());
                AuditRecords.addFlag(record, reference).setDescription(what);
            }
            auditTrail.store(record);
        });
    }

    private static String describeChange(IBaseResource oldResource, IBaseResource newResource) {
        if (oldResource instanceof Flag before
                && newResource instanceof Flag after
                && before.getStatus() != after.getStatus()) {
            return switch (after.getStatus()) {
                case INACTIVE -> "plan ended";
                case ENTEREDINERROR -> "plan marked entered in error";
                case ACTIVE -> "plan reactivated";
                default -> "plan updated";
            };
        }
        return newResource instanceof Flag ? "plan updated" : "record updated";
    }
}
