package uk.cpis.server.lookup;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;
import uk.cpis.server.security.RecordVisibility;

/**
 * What CP-IS holds about one child (or expectant mother) by NHS number, as a clinician may see it:
 * the Patient, the plans shown in a look-up (active, or ended in the last 12 months; never entered in
 * error), the councils that own them, and the latest unscheduled accesses. Read from the store with
 * the server's own rights: callers reach it only through views whose questions the access rules
 * have already checked.
 */
@Component
public class ChildRecord {

	public static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

	private final DaoRegistry daoRegistry;
	private final Clock clock;

	public ChildRecord(DaoRegistry daoRegistry, Clock clock) {
		this.daoRegistry = daoRegistry;
		this.clock = clock;
	}

	public record Found(Optional<Patient> person, List<Flag> plans, Map<String, Organization> councils) {}

	/** The person with this NHS number and the plans a clinician may see now. */
	public Found find(String nhsNumber) {
		Instant now = clock.instant();
		Optional<Patient> person = daoRegistry.getResourceDao("Patient")
				.search(SearchParameterMap.newSynchronous().add("identifier", new TokenParam(NHS_NUMBER_SYSTEM, nhsNumber)),
						new SystemRequestDetails())
				.getAllResources().stream().map(Patient.class::cast).findFirst();
		if (person.isEmpty()) {
			return new Found(person, List.of(), Map.of());
		}
		List<Flag> plans = daoRegistry.getResourceDao("Flag")
				.search(SearchParameterMap.newSynchronous().add("subject", new ReferenceParam(reference(person.get()))),
						new SystemRequestDetails())
				.getAllResources().stream().map(Flag.class::cast)
				.filter(plan -> RecordVisibility.shownInLookUp(plan, now))
				.toList();
		Map<String, Organization> councils = new LinkedHashMap<>();
		for (Flag plan : plans) {
			String author = plan.getAuthor().getReferenceElement().toUnqualifiedVersionless().getValue();
			councils.computeIfAbsent(author, id -> (Organization) daoRegistry.getResourceDao("Organization")
					.read(plan.getAuthor().getReferenceElement().toUnqualifiedVersionless(), new SystemRequestDetails()));
		}
		return new Found(person, plans, councils);
	}

	/** The latest unscheduled accesses to the person's record, newest first. */
	public List<AuditEvent> latestUnscheduledAccesses(Patient person, int count) {
		SearchParameterMap accesses = SearchParameterMap.newSynchronous()
				.add("patient", new ReferenceParam(reference(person)))
				.add("access-type", new TokenParam("unscheduled"));
		accesses.setSort(new SortSpec("date", SortOrderEnum.DESC));
		accesses.setCount(count);
		return daoRegistry.getResourceDao("AuditEvent").search(accesses, new SystemRequestDetails())
				.getResources(0, count).stream().map(AuditEvent.class::cast).toList();
	}

	static String reference(org.hl7.fhir.instance.model.api.IBaseResource resource) {
		return resource.getIdElement().toUnqualifiedVersionless().getValue();
	}
}
