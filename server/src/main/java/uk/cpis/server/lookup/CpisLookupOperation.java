package uk.cpis.server.lookup;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.contract.Operations;
import uk.cpis.server.fhir.CpisProvider;
import uk.cpis.server.notifications.RepeatAttendance;

/**
 * {@code GET /fhir/Patient/$cpis-lookup?identifier=https://fhir.nhs.uk/Id/nhs-number|{NHS number}}:
 * everything a clinical screen needs in one Bundle (type collection): the child, the plans shown in a
 * look-up, the councils that own them (name and both phone numbers), the last 25 unscheduled accesses,
 * and an OperationOutcome with the warnings (that CP-IS holds nothing for the number; that the child
 * was looked up from several care settings recently, see {@link RepeatAttendance}).
 */
@Component
public class CpisLookupOperation implements CpisProvider {

    public static final String NAME = Operations.LOOKUP;
    static final int LATEST_ACCESSES = 25;

    private final ChildRecord childRecord;
    private final LookUps lookUps;
    private final RepeatAttendance repeatAttendance;
    private final Clock clock;

    public CpisLookupOperation(
            ChildRecord childRecord, LookUps lookUps, RepeatAttendance repeatAttendance, Clock clock) {
        this.childRecord = childRecord;
        this.lookUps = lookUps;
        this.repeatAttendance = repeatAttendance;
        this.clock = clock;
    }

    @Operation(name = NAME, type = Patient.class, idempotent = true)
    public Bundle lookUp(
            @OperationParam(name = "identifier", min = 1, max = 1) TokenParam identifier, RequestDetails request) {
        if (identifier == null || !IdentifierSystems.NHS_NUMBER.equals(identifier.getSystem())) {
            throw new InvalidRequestException(
                    NAME + " needs identifier=" + IdentifierSystems.NHS_NUMBER + "|{NHS number}");
        }
        ChildRecord.Found found = childRecord.find(identifier.getValue());
        lookUps.show(request, found);
        Bundle answer = new Bundle().setType(Bundle.BundleType.COLLECTION);
        answer.setTimestamp(Date.from(clock.instant()));
        OperationOutcome warnings = new OperationOutcome();
        if (found.plans().isEmpty()) {
            warnings.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics("CP-IS holds no current or recent plan for this NHS number");
        }
        String base = request.getFhirServerBase();
        // the people shown are every council's record of the child that has a plan shown (ChildRecord)
        if (found.person().isPresent()) {
            found.persons().forEach(each -> add(answer, base, each));
            found.plans().forEach(plan -> add(answer, base, plan));
            found.councils().values().forEach(council -> add(answer, base, council));
            childRecord
                    .latestUnscheduledAccesses(found.persons(), LATEST_ACCESSES)
                    .forEach(access -> add(answer, base, access));
            LookUp.RepeatAttendanceState state = lookUps.repeatAttendance(request, lookUps.shown(request, answer));
            if (state.isPattern()) {
                warnings.addIssue(repeatAttendance.warning(state.settings()));
            }
        }
        if (!warnings.hasIssue()) {
            warnings.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics("No warnings");
        }
        answer.addEntry().setFullUrl(IdType.newRandomUuid().getValue()).setResource(warnings);
        return answer;
    }

    private static void add(Bundle answer, String base, Resource resource) {
        answer.addEntry()
                .setFullUrl(base + "/"
                        + resource.getIdElement().toUnqualifiedVersionless().getValue())
                .setResource(resource);
    }
}
