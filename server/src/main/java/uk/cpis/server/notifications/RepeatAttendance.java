package uk.cpis.server.notifications;

import uk.cpis.server.contract.Codes;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.contract.Extensions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;
import uk.cpis.server.audit.AccessType;
import uk.cpis.server.security.CallerIdentity;

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

	/** The setting the caller looks up from, if this look-up is unscheduled (so counts). */
	public static Optional<CareSetting> settingOf(CallerIdentity caller, String unscheduledHeader) {
		if (AccessType.of(caller.activityCodes(), unscheduledHeader) != AccessType.UNSCHEDULED || caller.odsCode() == null) {
			return Optional.empty();
		}
		return Optional.of(new CareSetting(caller.odsCode(), caller.careSetting() != null ? caller.careSetting() : "other"));
	}

	/** The setting an unscheduled access record names: its organisation agent and its care setting. */
	static Optional<CareSetting> settingOf(AuditEvent access) {
		String kind = access.getExtension().stream()
				.filter(extension -> Extensions.CARE_SETTING.equals(extension.getUrl()))
				.map(extension -> extension.getValue() instanceof Coding coding ? coding.getCode() : null)
				.findFirst().orElse(null);
		String ods = access.getAgent().stream()
				.filter(agent -> agent.getType().getCoding().stream().anyMatch(type -> "PROV".equals(type.getCode())))
				.map(agent -> agent.getWho().getIdentifier())
				.filter(identifier -> IdentifierSystems.ODS_CODE.equals(identifier.getSystem()))
				.map(identifier -> identifier.getValue())
				.findFirst().orElse(null);
		return kind == null || ods == null ? Optional.empty() : Optional.of(new CareSetting(ods, kind));
	}

	/** The warning a clinician sees; its details carry the code {@code repeat-attendance}. */
	public OperationOutcome.OperationOutcomeIssueComponent warning(Set<CareSetting> settings) {
		OperationOutcome.OperationOutcomeIssueComponent issue = new OperationOutcome.OperationOutcomeIssueComponent()
				.setSeverity(OperationOutcome.IssueSeverity.WARNING)
				.setCode(OperationOutcome.IssueType.INFORMATIONAL)
				.setDiagnostics("Repeat attendance: this child has been looked up from " + settings.size()
						+ " different care settings in the last " + window.toDays() + " days. The responsible council has been told.");
		issue.getDetails().addCoding(Notifications.tag(Codes.REPEAT_ATTENDANCE, "Repeat attendance"));
		issue.getDetails().setText("Repeat attendance at " + settings.size() + " care settings within " + window.toDays() + " days");
		return issue;
	}

	/** Marks an unscheduled access record that completes the pattern (before it is stored). */
	void markIfPattern(AuditEvent access) {
		if (!Notifications.isUnscheduledAccess(access) || Notifications.hasTag(access, Codes.REPEAT_ATTENDANCE)) {
			return;
		}
		Optional<String> patient = patientOf(access);
		if (patient.isPresent() && isPattern(settingsWithinWindow(patient.get(), settingOf(access)))) {
			access.getMeta().addTag(Notifications.tag(Codes.REPEAT_ATTENDANCE, "Repeat attendance"));
		}
	}

	/** Notes where a stored unscheduled access came from (in the transaction that stores it). */
	void noteVisit(AuditEvent access) {
		if (!Notifications.isUnscheduledAccess(access)) {
			return;
		}
		Optional<String> patient = patientOf(access);
		Optional<CareSetting> setting = settingOf(access);
		if (patient.isPresent() && setting.isPresent()) {
			visits.record(patient.get(), setting.get(), access.getRecorded().toInstant());
		}
	}

	private static Optional<String> patientOf(AuditEvent access) {
		return access.getEntity().stream()
				.filter(entity -> "1".equals(entity.getRole().getCode()))
				.map(entity -> entity.getWhat().getReferenceElement().toUnqualifiedVersionless().getValue())
				.filter(reference -> reference != null && reference.startsWith("Patient/"))
				.findFirst();
	}
}
