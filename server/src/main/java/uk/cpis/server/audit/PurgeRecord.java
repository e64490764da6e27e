package uk.cpis.server.audit;

import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.server.contract.AccessRecord;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.IdentifierSystems;

/**
 * The security record of a plan purged on its council's delete date. It names the plan and the child
 * by identifier only (plan id, NHS number), since both records are about to be gone, and the council
 * whose delete date it was as the party that asked for it.
 */
public final class PurgeRecord {

    private PurgeRecord() {}

    public static AuditEvent of(Flag plan, Patient child, String councilOds, Instant when) {
        AuditEvent event = AuditRecords.security(
                null,
                "delete",
                AuditEventAction.D,
                AuditEventOutcome._0,
                "purged on the delete date set by the council",
                Date.from(when));
        // the council asked for it (by setting the date): it, not an unknown caller, is the requestor
        event.getAgent().removeIf(agent -> agent.getRequestor());
        event.addAgent()
                .setType(new CodeableConcept(
                        new Coding(CodeSystems.ROLE_CLASS, AccessRecord.PROVIDER_AGENT, "healthcare provider")))
                .setRequestor(true)
                .setWho(new Reference()
                        .setIdentifier(new Identifier()
                                .setSystem(IdentifierSystems.ODS_CODE)
                                .setValue(councilOds == null ? "unknown" : councilOds)));
        AuditRecords.addPatient(event, AuditRecords.nhsNumberOf(child), null);
        event.addEntity()
                .setWhat(new Reference()
                        .setIdentifier(plan.getIdentifierFirstRep().copy()))
                .setType(new Coding(CodeSystems.AUDIT_ENTITY_TYPE, "2", "System Object"))
                .setRole(new Coding(CodeSystems.OBJECT_ROLE, "4", "Domain Resource"))
                .setDescription("plan purged");
        return event;
    }
}
