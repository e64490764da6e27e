package uk.cpis.server.security;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Period;
import org.springframework.stereotype.Component;

/**
 * The CP-IS information sharing agreement: a Group (board type information-sharing-agreement) whose
 * members are signatory seats, each a PractitionerRole of one organisation, with the period the
 * organisation signed for. Only organisations that are current members may see patient data. It is
 * read from the database on every request, so an organisation that leaves loses access at once.
 */
@Component
public class SharingAgreement {

	static final String BOARD_TYPE = "https://fhir.cpis.uk/CodeSystem/cpis-board-type";
	static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

	private final DaoRegistry daoRegistry;
	private final Clock clock;

	public SharingAgreement(DaoRegistry daoRegistry, Clock clock) {
		this.daoRegistry = daoRegistry;
		this.clock = clock;
	}

	public boolean isCurrentSignatory(String odsCode) {
		return !currentMemberships(odsCode).isEmpty();
	}

	/** A current membership of the agreement: the agreement Group, the signatory seat and its member period. */
	public record Membership(String agreement, String seat, Period period) {}

	/** The organisation's memberships of the agreement whose member period covers now (none if it is not a signatory). */
	public List<Membership> currentMemberships(String odsCode) {
		if (odsCode == null || odsCode.isBlank()) {
			return List.of();
		}
		Set<String> organisations = ids("Organization", SearchParameterMap.newSynchronous()
				.add("identifier", new TokenParam(ODS_SYSTEM, odsCode)));
		if (organisations.isEmpty()) {
			return List.of();
		}
		SearchParameterMap seatsQuery = SearchParameterMap.newSynchronous();
		organisations.forEach(id -> seatsQuery.add("organization", new ReferenceParam(id)));
		Set<String> seats = ids("PractitionerRole", seatsQuery);
		if (seats.isEmpty()) {
			return List.of();
		}
		Date now = Date.from(clock.instant());
		return resources("Group", SearchParameterMap.newSynchronous()
						.add("code", new TokenParam(BOARD_TYPE, "information-sharing-agreement")))
				.stream()
				.map(Group.class::cast)
				.filter(agreement -> !agreement.hasActive() || agreement.getActive())
				.flatMap(agreement -> agreement.getMember().stream()
						.filter(member -> !member.getInactive())
						.filter(member -> seats.contains(member.getEntity().getReferenceElement().toUnqualifiedVersionless().getValue()))
						.filter(member -> covers(member.getPeriod(), now))
						.map(member -> new Membership(agreement.getIdElement().toUnqualifiedVersionless().getValue(),
								member.getEntity().getReferenceElement().toUnqualifiedVersionless().getValue(), member.getPeriod())))
				.toList();
	}

	private static boolean covers(Period period, Date now) {
		boolean started = !period.hasStart() || !period.getStart().after(now);
		boolean notEnded = !period.hasEnd() || period.getEnd().after(now);
		return started && notEnded;
	}

	private Set<String> ids(String type, SearchParameterMap query) {
		return resources(type, query).stream()
				.map(resource -> resource.getIdElement().toUnqualifiedVersionless().getValue())
				.collect(Collectors.toSet());
	}

	private List<IBaseResource> resources(String type, SearchParameterMap query) {
		var results = daoRegistry.getResourceDao(type).search(query, new SystemRequestDetails());
		return results.getAllResources();
	}
}
