package uk.cpis.server.appointments;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Identifier;
import org.springframework.stereotype.Component;
import uk.cpis.server.audit.AuditTrail;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.contract.OdsCodes;
import uk.cpis.server.lookup.ChildRecord;
import uk.cpis.server.security.CallerIdentity;
import uk.cpis.server.security.CpisActor;
import uk.cpis.server.security.CurrentCaller;

/**
 * A health organisation in the sharing agreement records that a flagged child missed a health
 * appointment: {@code POST /fhir/Appointment} with status {@code noshow}, the date, the service type
 * and two participants, the child (NHS number) and the organisation (its own ODS code). The shape is
 * the {@code cpis-missed-appointment} profile's (checked first, for every child alike); this rule then
 * allows it only for a child with a current or recent plan (one a look-up would show), and writes, in
 * the same transaction, the missed-appointment record that notifies the councils owning the plans.
 *
 * <p>Refusals never tell whether a plan exists: a child CP-IS does not know, a child without a
 * current or recent plan and a plan entered in error all get the same 403, with the same message as
 * any other child this caller may not record for; and the attempt is recorded like every refusal.
 */
@Component
@Interceptor
public class MissedAppointments {

    static final String REFUSED =
            "A missed appointment can be recorded only for a child with a current or recent CP-IS plan,"
                    + " by a health organisation in the information sharing agreement, for itself";

    private final CurrentCaller currentCaller;
    private final ChildRecord childRecord;
    private final AuditTrail auditTrail;
    private final Clock clock;

    public MissedAppointments(
            CurrentCaller currentCaller, ChildRecord childRecord, AuditTrail auditTrail, Clock clock) {
        this.currentCaller = currentCaller;
        this.childRecord = childRecord;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    /** After every storage check of the shape (pre-storage), so a malformed request fails alike for every child. */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void recorded(IBaseResource resource) {
        if (!(resource instanceof Appointment appointment)) {
            return;
        }
        CallerIdentity caller = currentCaller
                .identity()
                .filter(identity -> currentCaller.actor() == CpisActor.CLINICIAN)
                .orElseThrow(() -> new ForbiddenOperationException(REFUSED));
        if (appointment.getStatus() != Appointment.AppointmentStatus.NOSHOW) {
            throw new ForbiddenOperationException(REFUSED);
        }
        Optional<String> organisation = participant(appointment, IdentifierSystems.ODS_CODE);
        Optional<String> nhsNumber = participant(appointment, IdentifierSystems.NHS_NUMBER);
        if (organisation.isEmpty() || !organisation.get().equals(caller.odsCode()) || nhsNumber.isEmpty()) {
            throw new ForbiddenOperationException(REFUSED);
        }
        ChildRecord.Found found = childRecord.find(nhsNumber.get());
        if (found.person().isEmpty() || found.plans().isEmpty()) {
            throw new ForbiddenOperationException(REFUSED);
        }
        Map<String, String> councils = OdsCodes.byReference(found.councils());
        auditTrail.recordMissedAppointment(
                caller,
                appointment,
                nhsNumber.get(),
                found.person().get().getIdElement().toUnqualifiedVersionless().getValue(),
                councils,
                Date.from(clock.instant()));
    }

    private static Optional<String> participant(Appointment appointment, String system) {
        return appointment.getParticipant().stream()
                .map(participant -> participant.getActor().getIdentifier())
                .filter(identifier -> system.equals(identifier.getSystem()))
                .map(Identifier::getValue)
                .findFirst();
    }
}
