package uk.cpis.server.boards;

import ca.uhn.fhir.i18n.Msg;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.contract.OdsCodes;
import uk.cpis.server.fhir.InterceptorOrder;
import uk.cpis.server.fhir.RejectReason;
import uk.cpis.server.fhir.Rejection;
import uk.cpis.server.plans.NoDuplicateRecords;

/**
 * No two organisations share an ODS code: 422 {@code duplicate-ods-code}, naming the organisation
 * that holds it; a conditional create or update by ODS code still finds the one that is there.
 * Two registrations of one code in the same upload, or racing each other past the check, are stopped
 * by the unique index of {@link NoDuplicateRecords}; HAPI's conflict (recognised by its error code)
 * is answered as the same 422 when the request's own organisations show the duplicated code.
 */
@Component
@Interceptor
public class UniqueOdsCodes {

    /** HAPI's error codes of a unique index conflict: found before the write, or raised by the database. */
    private static final List<String> UNIQUE_INDEX_CONFLICTS = List.of(Msg.code(1093), Msg.code(824));

    private final DaoRegistry daoRegistry;

    public UniqueOdsCodes(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.BUSINESS_RULES)
    public void beforeCreate(IBaseResource resource) {
        if (resource instanceof Organization organisation) {
            checkOdsCodesAreFree(organisation);
        }
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.BUSINESS_RULES)
    public void beforeUpdate(IBaseResource oldResource, IBaseResource newResource) {
        beforeCreate(newResource);
    }

    @Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = InterceptorOrder.REGISTER_MESSAGES)
    public BaseServerResponseException explainDuplicateOdsCode(RequestDetails request, Throwable exception) {
        if (!isUniqueIndexConflict(exception)) {
            return null;
        }
        return duplicatedOdsCode(request).map(ods -> duplicateOds(ods, null)).orElse(null);
    }

    /** A version conflict caused by a unique index, directly or after HAPI's retries gave up (it wraps the cause). */
    private static boolean isUniqueIndexConflict(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ResourceVersionConflictException conflict
                    && conflict.getMessage() != null
                    && UNIQUE_INDEX_CONFLICTS.stream().anyMatch(conflict.getMessage()::startsWith)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An ODS code the request registers twice, or registers anew while another organisation holds it
     * (the other request of a race has committed by now).
     */
    private Optional<String> duplicatedOdsCode(RequestDetails request) {
        List<Organization> sent = new ArrayList<>();
        if (request.getResource() instanceof Organization organisation) {
            sent.add(organisation);
        }
        RegisterBundles.requestBundle(request)
                .ifPresent(bundle -> bundle.getEntry().stream()
                        .filter(entry -> entry.getResource() instanceof Organization)
                        .filter(entry -> entry.getRequest().getMethod() != Bundle.HTTPVerb.DELETE)
                        .forEach(entry -> sent.add((Organization) entry.getResource())));
        Map<String, Long> times = sent.stream()
                .flatMap(organisation -> OdsCodes.all(organisation).stream())
                .collect(java.util.stream.Collectors.groupingBy(
                        code -> code, LinkedHashMap::new, java.util.stream.Collectors.counting()));
        Optional<String> twice = times.entrySet().stream()
                .filter(code -> code.getValue() > 1)
                .map(Map.Entry::getKey)
                .findFirst();
        if (twice.isPresent()) {
            return twice;
        }
        return sent.stream()
                .filter(organisation -> !organisation.getIdElement().hasIdPart())
                .flatMap(organisation -> OdsCodes.all(organisation).stream())
                .filter(ods -> !holders(ods).isEmpty())
                .findFirst();
    }

    private void checkOdsCodesAreFree(Organization organisation) {
        String self = organisation.getIdElement().hasIdPart()
                ? organisation.getIdElement().getIdPart()
                : null;
        for (String ods : OdsCodes.all(organisation)) {
            Optional<IBaseResource> other = holders(ods).stream()
                    .filter(found -> !found.getIdElement().getIdPart().equals(self))
                    .findFirst();
            if (other.isPresent()) {
                throw duplicateOds(
                        ods,
                        "Organization/" + other.get().getIdElement().getIdPart() + " ("
                                + ((Organization) other.get()).getName() + ")");
            }
        }
    }

    static BaseServerResponseException duplicateOds(String ods, String holder) {
        return Rejection.unprocessable(
                RejectReason.DUPLICATE_ODS_CODE,
                "Organization.identifier: ODS code " + ods
                        + " is already registered" + (holder == null ? "" : " to " + holder)
                        + "; update that organisation (or create conditionally with"
                        + " If-None-Exist: identifier=" + IdentifierSystems.ODS_CODE + "|" + ods + ")",
                "Organization.identifier");
    }

    private List<IBaseResource> holders(String ods) {
        return daoRegistry
                .getResourceDao("Organization")
                .search(
                        SearchParameterMap.newSynchronous()
                                .add("identifier", new TokenParam(IdentifierSystems.ODS_CODE, ods)),
                        new SystemRequestDetails())
                .getAllResources();
    }
}
