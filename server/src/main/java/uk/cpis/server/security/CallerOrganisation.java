package uk.cpis.server.security;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The caller's own Organization resource, found by the ODS code in its token. Looked up on each
 * request rather than cached: the register of organisations is maintained while the server runs.
 */
@Component
public class CallerOrganisation {

	public static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

	private final DaoRegistry daoRegistry;
	private final CurrentCaller currentCaller;

	public CallerOrganisation(DaoRegistry daoRegistry, CurrentCaller currentCaller) {
		this.daoRegistry = daoRegistry;
		this.currentCaller = currentCaller;
	}

	/** {@code Organization/123} of the caller, or empty if its ODS code names no Organization. */
	public Optional<String> reference() {
		return currentCaller.identity().map(CallerIdentity::odsCode).flatMap(this::referenceOf);
	}

	public Optional<String> referenceOf(String odsCode) {
		if (odsCode == null) {
			return Optional.empty();
		}
		return daoRegistry.getResourceDao("Organization")
				.search(SearchParameterMap.newSynchronous()
						.add("identifier", new TokenParam(ODS_SYSTEM, odsCode)), new SystemRequestDetails())
				.getAllResources()
				.stream()
				.findFirst()
				.map(organisation -> "Organization/" + organisation.getIdElement().getIdPart());
	}
}
