package uk.cpis.server.notifications;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import uk.cpis.server.audit.AccessType;
import uk.cpis.server.fhir.FhirServerInterceptor;
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
public class RepeatAttendanceWarning implements FhirServerInterceptor {

	private static final Set<String> LOOK_UPS = Set.of("Flag", "CareTeam");

	private final CurrentCaller currentCaller;
	private final RepeatAttendance repeatAttendance;

	public RepeatAttendanceWarning(CurrentCaller currentCaller, RepeatAttendance repeatAttendance) {
		this.currentCaller = currentCaller;
		this.repeatAttendance = repeatAttendance;
	}

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean warnOnLookUp(RequestDetails request, ResponseDetails response) {
		if (request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE || !LOOK_UPS.contains(request.getResourceName())
				|| currentCaller.actor() != CpisActor.CLINICIAN || !(response.getResponseResource() instanceof Bundle answer)) {
			return true;
		}
		Optional<String> child = answer.getEntry().stream()
				.map(Bundle.BundleEntryComponent::getResource)
				.map(resource -> resource instanceof Flag plan ? plan.getSubject()
						: resource instanceof CareTeam team ? team.getSubject() : null)
				.filter(subject -> subject != null)
				.map(Reference::getReferenceElement)
				.map(reference -> reference.toUnqualifiedVersionless().getValue())
				.filter(reference -> reference != null && reference.startsWith("Patient/"))
				.findFirst();
		if (child.isEmpty()) {
			return true;
		}
		var settings = repeatAttendance.settingsWithinWindow(child.get(), currentCaller.identity()
				.flatMap(caller -> RepeatAttendance.settingOf(caller, request.getHeader(AccessType.HEADER))));
		if (repeatAttendance.isPattern(settings)) {
			OperationOutcome warning = new OperationOutcome();
			warning.addIssue(repeatAttendance.warning(settings));
			answer.addEntry().setResource(warning).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
		}
		return true;
	}
}
