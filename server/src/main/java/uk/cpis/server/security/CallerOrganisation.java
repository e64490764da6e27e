package uk.cpis.server.security;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import uk.cpis.server.contract.IdentifierSystems;

/**
 * The caller's own Organization resource, found by the ODS code in its token. Looked up once per
 * request rather than cached longer: the register of organisations is maintained while the server runs.
 */
@Component
public class CallerOrganisation {

    private static final String REQUEST_KEY = CallerOrganisation.class.getName();

    private final DaoRegistry daoRegistry;
    private final CurrentCaller currentCaller;

    public CallerOrganisation(DaoRegistry daoRegistry, CurrentCaller currentCaller) {
        this.daoRegistry = daoRegistry;
        this.currentCaller = currentCaller;
    }

    /**
     * {@code Organization/123} of the caller, or empty if its ODS code names no Organization. Worked out
     * once per HTTP request (the gate, the ownership rules and the visibility of each match all ask).
     */
    @SuppressWarnings("unchecked")
    public Optional<String> reference() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null
                && request.getAttribute(REQUEST_KEY, RequestAttributes.SCOPE_REQUEST) instanceof Optional<?> known) {
            return (Optional<String>) known;
        }
        Optional<String> found =
                currentCaller.identity().map(CallerIdentity::odsCode).flatMap(this::referenceOf);
        if (request != null) {
            request.setAttribute(REQUEST_KEY, found, RequestAttributes.SCOPE_REQUEST);
        }
        return found;
    }

    public Optional<String> referenceOf(String odsCode) {
        if (odsCode == null) {
            return Optional.empty();
        }
        return daoRegistry
                .getResourceDao("Organization")
                .search(
                        SearchParameterMap.newSynchronous()
                                .add("identifier", new TokenParam(IdentifierSystems.ODS_CODE, odsCode)),
                        new SystemRequestDetails())
                .getAllResources()
                .stream()
                .findFirst()
                .map(organisation ->
                        "Organization/" + organisation.getIdElement().getIdPart());
    }
}
