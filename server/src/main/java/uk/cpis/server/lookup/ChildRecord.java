package uk.cpis.server.lookup;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
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
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uk.cpis.server.security.RecordVisibility;

/**
 * What CP-IS holds about one child (or expectant mother) by NHS number, as a clinician may see it:
 * the Patient, the plans shown in a look-up (active, or ended in the last 12 months; never entered in
 * error), the councils that own them, and the latest unscheduled accesses. Read from the store with
 * the server's own rights: callers reach it only through views whose questions the access rules
 * have already checked.
 *
 * <p>A look-up is the one question asked hundreds of times a second, nine times in ten about a child
 * CP-IS knows nothing of, so the person and the plans are found with two indexed queries on HAPI's own
 * index tables (the token index by its system-and-value hash, the reference index by target) and read
 * by row id, rather than through HAPI's general search machinery (which took a seventh of a look-up's
 * CPU to build and run the same queries).
 */
@Component
public class ChildRecord {

	public static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

	private static final String PEOPLE_WITH_HASH = "SELECT t.res_id FROM hfj_spidx_token t"
			+ " JOIN hfj_resource r ON r.res_id = t.res_id WHERE t.hash_sys_and_value = ? AND r.res_deleted_at IS NULL"
			+ " ORDER BY t.res_id";
	private static final String PLANS_OF = "SELECT l.src_resource_id FROM hfj_res_link l"
			+ " JOIN hfj_resource r ON r.res_id = l.src_resource_id"
			+ " WHERE l.target_resource_id = ? AND l.src_path = 'Flag.subject' AND r.res_deleted_at IS NULL"
			+ " ORDER BY l.src_resource_id";

	private final DaoRegistry daoRegistry;
	private final JdbcTemplate jdbc;
	private final PartitionSettings partitionSettings;
	private final Clock clock;

	public ChildRecord(DaoRegistry daoRegistry, DataSource dataSource, PartitionSettings partitionSettings, Clock clock) {
		this.daoRegistry = daoRegistry;
		this.jdbc = new JdbcTemplate(dataSource);
		this.partitionSettings = partitionSettings;
		this.clock = clock;
	}

	public record Found(Optional<Patient> person, List<Flag> plans, Map<String, Organization> councils) {}

	/** The person with this NHS number and the plans a clinician may see now. */
	public Found find(String nhsNumber) {
		Instant now = clock.instant();
		long hash = ResourceIndexedSearchParamToken.calculateHashSystemAndValue(partitionSettings,
				RequestPartitionId.defaultPartition(), "Patient", "identifier", NHS_NUMBER_SYSTEM, nhsNumber);
		Optional<Long> personRow = jdbc.queryForList(PEOPLE_WITH_HASH, Long.class, hash).stream().findFirst();
		if (personRow.isEmpty()) {
			return new Found(Optional.empty(), List.of(), Map.of());
		}
		Optional<Patient> person = Optional.of((Patient) daoRegistry.getResourceDao("Patient").readByPid(JpaPid.fromId(personRow.get())));
		List<Flag> plans = jdbc.queryForList(PLANS_OF, Long.class, personRow.get()).stream()
				.map(row -> (Flag) daoRegistry.getResourceDao("Flag").readByPid(JpaPid.fromId(row)))
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
