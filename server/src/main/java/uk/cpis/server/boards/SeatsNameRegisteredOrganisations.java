package uk.cpis.server.boards;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.contract.OdsCodes;
import uk.cpis.server.fhir.InterceptorOrder;
import uk.cpis.server.fhir.RejectReason;
import uk.cpis.server.fhir.Rejection;

/**
 * A board seat (PractitionerRole) names an organisation the register holds, by id, by conditional URL,
 * by identifier, or as an entry of the same upload: otherwise 422 {@code unknown-organisation}, naming
 * what the seat named.
 */
@Component
@Interceptor
public class SeatsNameRegisteredOrganisations {

    private final DaoRegistry daoRegistry;
    private final MatchUrlService matchUrlService;
    private final FhirContext fhirContext;

    public SeatsNameRegisteredOrganisations(
            DaoRegistry daoRegistry, MatchUrlService matchUrlService, FhirContext fhirContext) {
        this.daoRegistry = daoRegistry;
        this.matchUrlService = matchUrlService;
        this.fhirContext = fhirContext;
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.BUSINESS_RULES)
    public void beforeCreate(IBaseResource resource, RequestDetails request) {
        if (resource instanceof PractitionerRole seat) {
            checkSeat(seat, request);
        }
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.BUSINESS_RULES)
    public void beforeUpdate(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
        beforeCreate(newResource, request);
    }

    private void checkSeat(PractitionerRole seat, RequestDetails request) {
        if (seat.hasOrganization() && !organisationExists(seat.getOrganization(), request)) {
            Reference organisation = seat.getOrganization();
            String named = organisation.hasReference()
                    ? organisation.getReference()
                    : organisation.hasIdentifier()
                            ? organisation.getIdentifier().getSystem() + "|"
                                    + organisation.getIdentifier().getValue()
                            : "(no reference)";
            throw Rejection.unprocessable(
                    RejectReason.UNKNOWN_ORGANISATION,
                    "PractitionerRole.organization: the seat is for " + named
                            + ", which is not an organisation in the CP-IS register; register the organisation first",
                    "PractitionerRole.organization");
        }
    }

    private boolean organisationExists(Reference reference, RequestDetails request) {
        if (!reference.hasReference()) {
            if (!reference.hasIdentifier()) {
                return false;
            }
            Identifier identifier = reference.getIdentifier();
            return !organisations(SearchParameterMap.newSynchronous()
                                    .add("identifier", new TokenParam(identifier.getSystem(), identifier.getValue())))
                            .isEmpty()
                    || RegisterBundles.inRequestBundle(
                            request,
                            organisation -> organisation.getIdentifier().stream()
                                    .anyMatch(own -> identifier.getValue() != null
                                            && identifier.getValue().equals(own.getValue())
                                            && (identifier.getSystem() == null
                                                    || identifier.getSystem().equals(own.getSystem()))));
        }
        String value = reference.getReference();
        if (value.startsWith("urn:")) {
            return RegisterBundles.bundleEntry(request, value)
                    .filter(Organization.class::isInstance)
                    .isPresent();
        }
        if (value.contains("?")) {
            if (!value.startsWith("Organization?")) {
                return false;
            }
            SearchParameterMap query;
            try {
                query = matchUrlService.translateMatchUrl(value, fhirContext.getResourceDefinition("Organization"));
            } catch (BaseServerResponseException e) {
                return false;
            }
            if (!organisations(query.setLoadSynchronous(true)).isEmpty()) {
                return true;
            }
            // registered in the same bundle, earlier or later: matched by ODS code when the URL names one
            Optional<String> ods = conditionalOds(value);
            return ods.isPresent()
                    && RegisterBundles.inRequestBundle(
                            request, organisation -> OdsCodes.all(organisation).contains(ods.get()));
        }
        if (!"Organization".equals(reference.getReferenceElement().getResourceType())
                || !reference.getReferenceElement().hasIdPart()) {
            return false;
        }
        try {
            daoRegistry
                    .getResourceDao("Organization")
                    .read(reference.getReferenceElement().toUnqualifiedVersionless(), new SystemRequestDetails());
            return true;
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return RegisterBundles.bundleEntry(request, value)
                    .filter(Organization.class::isInstance)
                    .isPresent();
        }
    }

    private static Optional<String> conditionalOds(String url) {
        String decoded = java.net.URLDecoder.decode(url, java.nio.charset.StandardCharsets.UTF_8);
        String prefix = "Organization?identifier=" + IdentifierSystems.ODS_CODE + "|";
        if (decoded.startsWith(prefix) && !decoded.substring(prefix.length()).contains("&")) {
            return Optional.of(decoded.substring(prefix.length()));
        }
        return Optional.empty();
    }

    private List<IBaseResource> organisations(SearchParameterMap query) {
        return daoRegistry
                .getResourceDao("Organization")
                .search(query, new SystemRequestDetails())
                .getAllResources();
    }
}
