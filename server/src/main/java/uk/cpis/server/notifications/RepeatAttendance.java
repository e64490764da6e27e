package uk.cpis.server.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.AccessRecord;
import uk.cpis.server.contract.Codes;

/**
 * The repeat-attendance pattern: one child looked up from at least {@code settings} different care
 * settings within {@code window} (both {@code cpis.notifications.repeat-attendance.*}). A care setting
 * is an organisation (ODS code) together with the kind of setting (emergency department, walk-in
 * centre, ...): two emergency departments are two settings, the same department twice is one. Only
 * unscheduled accesses count; a scheduled (silent) read neither counts nor is notified.
 *
 * <p>The clinician sees a warning in the look-up's answer, and the council's notification of the
 * access that completes the pattern (and of every further one within the window) carries the tag
 * {@code repeat-attendance}.
 */
@Component
public class RepeatAttendance {

    /** A place a child was seen: the organisation and the kind of care setting. */
    public record CareSetting(String odsCode, String kind) {}

    private final CareSettingVisits visits;
    private final Clock clock;
    private final int threshold;
    private final Duration window;

    public RepeatAttendance(CareSettingVisits visits, Clock clock, NotificationProperties properties) {
        this.visits = visits;
        this.clock = clock;
        this.threshold = properties.repeatAttendance().settings();
        this.window = properties.repeatAttendance().window();
    }

    /**
     * The different care settings the child ({@code Patient/<id>}) was looked up from within the window,
     * by stored unscheduled accesses, plus {@code current} (the access being answered or recorded).
     */
    public Set<CareSetting> settingsWithinWindow(String patientReference, Optional<CareSetting> current) {
        Instant now = clock.instant();
        Set<CareSetting> settings = visits.between(patientReference, now.minus(window), now);
        current.ifPresent(settings::add);
        return settings;
    }

    public boolean isPattern(Set<CareSetting> settings) {
        return settings.size() >= threshold;
    }

    /** The setting an unscheduled access record names: its organisation agent and its care setting. */
    static Optional<CareSetting> settingOf(AccessRecord access) {
        return access.careSettingOdsCode()
                .flatMap(ods -> access.careSettingKind().map(kind -> new CareSetting(ods, kind)));
    }

    /** The warning a clinician sees; its details carry the code {@code repeat-attendance}. */
    public OperationOutcome.OperationOutcomeIssueComponent warning(Set<CareSetting> settings) {
        OperationOutcome.OperationOutcomeIssueComponent issue = new OperationOutcome.OperationOutcomeIssueComponent()
                .setSeverity(OperationOutcome.IssueSeverity.WARNING)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDiagnostics("Repeat attendance: this child has been looked up from " + settings.size()
                        + " different care settings in the last " + window.toDays()
                        + " days. The responsible council has been told.");
        issue.getDetails().addCoding(Notifications.tag(Codes.REPEAT_ATTENDANCE, "Repeat attendance"));
        issue.getDetails()
                .setText("Repeat attendance at " + settings.size() + " care settings within " + window.toDays()
                        + " days");
        return issue;
    }

    /** Notes where a stored unscheduled access came from (in the transaction that stores it). */
    void noteVisit(AuditEvent event) {
        AccessRecord access = AccessRecord.of(event);
        if (!access.isUnscheduledAccess()) {
            return;
        }
        Optional<String> patient = access.child();
        Optional<CareSetting> setting = settingOf(access);
        if (patient.isPresent() && setting.isPresent()) {
            visits.record(patient.get(), setting.get(), event.getRecorded().toInstant());
        }
    }
}
