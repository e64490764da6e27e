package uk.cpis.server.boards;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.springframework.stereotype.Component;

/**
 * The transaction or batch Bundle a register write belongs to, kept with its request when HAPI starts
 * processing it, so that a rule about one entry can see the entries beside it (an organisation a seat
 * names may be registered in the same upload, earlier or later in it).
 */
@Component
@Interceptor
public class RegisterBundles {

    private static final String REQUEST_BUNDLE = RegisterBundles.class.getName() + ".bundle";

    /** The Bundle of the transaction (or batch entry) being processed, kept for the register rules. */
    @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
    public void rememberBundle(RequestDetails request, org.hl7.fhir.instance.model.api.IBaseBundle bundle) {
        if (request != null && bundle instanceof Bundle sent) {
            request.getUserData().put(REQUEST_BUNDLE, sent);
        }
    }

    /** The transaction or batch Bundle being processed for this request, if any. */
    static Optional<Bundle> requestBundle(RequestDetails request) {
        if (request == null) {
            return Optional.empty();
        }
        if (request.getResource() instanceof Bundle bundle) {
            return Optional.of(bundle);
        }
        return request.getUserData().get(REQUEST_BUNDLE) instanceof Bundle bundle
                ? Optional.of(bundle)
                : Optional.empty();
    }

    static Optional<IBaseResource> bundleEntry(RequestDetails request, String fullUrl) {
        return requestBundle(request)
                .flatMap(bundle -> bundle.getEntry().stream()
                        .filter(entry -> fullUrl.equals(entry.getFullUrl()) && entry.hasResource())
                        .map(entry -> (IBaseResource) entry.getResource())
                        .findFirst());
    }

    static boolean inRequestBundle(RequestDetails request, java.util.function.Predicate<Organization> matches) {
        return requestBundle(request).stream()
                .flatMap(bundle -> bundle.getEntry().stream())
                .filter(entry -> entry.getResource() instanceof Organization)
                .filter(entry -> entry.getRequest().getMethod() != Bundle.HTTPVerb.DELETE)
                .anyMatch(entry -> matches.test((Organization) entry.getResource()));
    }
}
