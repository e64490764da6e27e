package uk.cpis.server.lookup;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;
import uk.cpis.server.lookup.LookUp.RepeatAttendanceState;
import uk.cpis.server.lookup.LookUp.Shown;
import uk.cpis.server.notifications.RepeatAttendance;
import uk.cpis.server.security.CpisActor;
import uk.cpis.server.security.CurrentCaller;

/**
 * The repeat-attendance warning on the standard look-ups ({@code Flag} and {@code CareTeam} searches
 * by NHS number): an OperationOutcome entry with {@code search.mode = outcome} and a {@code warning}
 * issue coded {@code repeat-attendance}, added to the searchset when the child's plans are shown.
 * ({@code $cpis-lookup} puts the same issue in its own OperationOutcome.)
 */
@Component
@Interceptor
public class RepeatAttendanceWarning {

    private static final Set<String> LOOK_UPS = Set.of("Flag", "CareTeam");

    private final CurrentCaller currentCaller;
    private final LookUps lookUps;
    private final RepeatAttendance repeatAttendance;

    public RepeatAttendanceWarning(CurrentCaller currentCaller, LookUps lookUps, RepeatAttendance repeatAttendance) {
        this.currentCaller = currentCaller;
        this.lookUps = lookUps;
        this.repeatAttendance = repeatAttendance;
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean warnOnLookUp(RequestDetails request, ResponseDetails response) {
        if (request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE
                || !LOOK_UPS.contains(request.getResourceName())
                || currentCaller.actor() != CpisActor.CLINICIAN
                || !(response.getResponseResource() instanceof Bundle answer)) {
            return true;
        }
        Shown shown = lookUps.shown(request, answer);
        RepeatAttendanceState state = lookUps.repeatAttendance(request, shown);
        if (state.isPattern()) {
            OperationOutcome warning = new OperationOutcome();
            warning.addIssue(repeatAttendance.warning(state.settings()));
            answer.addEntry()
                    .setFullUrl(IdType.newRandomUuid().getValue())
                    .setResource(warning)
                    .getSearch()
                    .setMode(Bundle.SearchEntryMode.OUTCOME);
        }
        return true;
    }
}
