package uk.cpis.server.lookup;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import uk.cpis.server.audit.AccessType;
import uk.cpis.server.contract.OdsCodes;
import uk.cpis.server.notifications.RepeatAttendance.CareSetting;
import uk.cpis.server.security.CallerIdentity;

/**
 * One clinician's look-up, worked out once per request: who asks and from which care setting, the
 * NHS number asked for, whether the look-up is unscheduled, what the answer shows, and whether the
 * child now shows a repeat-attendance pattern. The answer ({@code $cpis-lookup}, the CareTeam view, a
 * Flag search), its warning, the access record and so the council's notification all read this one
 * value ({@link LookUps} keeps it with the request).
 */
public final class LookUp {

    /** What an answer shows: the child's record it names, the plans shown and the councils that own them. */
    public record Shown(Optional<String> child, List<Flag> plans, Map<String, Organization> councils) {

        static final Shown NOTHING = new Shown(Optional.empty(), List.of(), Map.of());

        /** The councils by Organization reference, with their ODS codes (as an access record names them). */
        public Map<String, String> councilOdsCodes() {
            return OdsCodes.byReference(councils);
        }
    }

    /** The care settings the child was looked up from within the window, this look-up's included. */
    public record RepeatAttendanceState(Set<CareSetting> settings, boolean isPattern) {}

    private final CallerIdentity caller;
    private final Optional<String> nhsNumber;
    private final AccessType accessType;
    private Shown shown;
    private RepeatAttendanceState repeatAttendance;

    LookUp(CallerIdentity caller, Optional<String> nhsNumber, AccessType accessType) {
        this.caller = caller;
        this.nhsNumber = nhsNumber;
        this.accessType = accessType;
    }

    public CallerIdentity caller() {
        return caller;
    }

    public Optional<String> nhsNumber() {
        return nhsNumber;
    }

    public AccessType accessType() {
        return accessType;
    }

    /** The setting this look-up counts as a visit from: only an unscheduled look-up counts. */
    public Optional<CareSetting> careSetting() {
        if (accessType != AccessType.UNSCHEDULED || caller.odsCode() == null) {
            return Optional.empty();
        }
        return Optional.of(
                new CareSetting(caller.odsCode(), caller.careSetting() != null ? caller.careSetting() : "other"));
    }

    /** What the answer shows, worked out by whichever part built the answer (or from it), once. */
    Shown shown(Supplier<Shown> fromAnswer) {
        if (shown == null) {
            shown = fromAnswer.get();
        }
        return shown;
    }

    void show(Shown answer) {
        this.shown = answer;
    }

    /** The repeat-attendance state of the child shown, worked out once (a query over recent visits). */
    RepeatAttendanceState repeatAttendance(Supplier<RepeatAttendanceState> query) {
        if (repeatAttendance == null) {
            repeatAttendance = query.get();
        }
        return repeatAttendance;
    }
}
