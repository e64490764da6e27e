package uk.cpis.server.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Date;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.stereotype.Component;
import uk.cpis.server.security.CallerIdentity;

/**
 * Stores the server's AuditEvents. Through the DAO with the server's own request details, so the
 * write joins the caller's database transaction when there is one (a plan and the record of its
 * change commit together) and is committed before this returns when there is none (a look-up's
 * record is stored before its answer is sent). Clients can never write AuditEvents.
 */
@Component
public class AuditTrail {

    private final DaoRegistry daoRegistry;
    private final MeterRegistry meters;

    public AuditTrail(DaoRegistry daoRegistry, MeterRegistry meters) {
        this.daoRegistry = daoRegistry;
        this.meters = meters;
    }

    /**
     * Records that the caller's organisation saw a flagged child miss an appointment, in the caller's
     * transaction: the record names the child and the councils that own the child's plans, and is the
     * notification they are sent.
     */
    public void recordMissedAppointment(
            CallerIdentity caller,
            Appointment appointment,
            String nhsNumber,
            String patientReference,
            Map<String, String> councils,
            Date when) {
        AuditEvent record = AuditRecords.missedAppointment(caller, appointment, nhsNumber, patientReference, when);
        councils.forEach((organisation, ods) -> AuditRecords.addResponsibleCouncil(record, organisation, ods));
        store(record);
    }

    /** The {@code cpis_audit_write_seconds} timer of one kind of record. */
    static Timer writeTimer(MeterRegistry meters, String kind) {
        return Timer.builder("cpis.audit.write")
                .description("Time to store one AuditEvent (a look-up waits for its access record)")
                .tag("kind", kind)
                .register(meters);
    }

    /** Stores the record; the time it takes is published as {@code cpis_audit_write_seconds} (by profile). */
    public void store(AuditEvent event) {
        String kind = event.getMeta().getProfile().isEmpty()
                ? "none"
                : event.getMeta().getProfile().get(0).getValue().replaceAll(".*/cpis-(\\w+)-auditevent$", "$1");
        writeTimer(meters, kind)
                .record(() -> daoRegistry.getResourceDao(AuditEvent.class).create(event, new SystemRequestDetails()));
    }
}
