package uk.cpis.server.security;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;
import uk.cpis.server.security.AccessPolicy.Interaction;
import uk.cpis.server.security.AccessPolicy.Permissions;

/**
 * Each entry of a batch or transaction is checked as if it were sent alone: only creates, updates and
 * deletes of whole records the caller's grants allow (no reads, PATCH, history or operations inside a
 * bundle), conditional URLs as {@link ConditionalWrites} allows, and updates or deletes only of records
 * the caller may read.
 */
@Component
class BundleEntryGate {

    private final ConditionalWrites conditionalWrites;
    private final RecordVisibility recordVisibility;

    BundleEntryGate(ConditionalWrites conditionalWrites, RecordVisibility recordVisibility) {
        this.conditionalWrites = conditionalWrites;
        this.recordVisibility = recordVisibility;
    }

    void check(Permissions permissions, Bundle bundle, Bundle.BundleEntryComponent entry) {
        Bundle.BundleEntryRequestComponent entryRequest = entry.getRequest();
        Bundle.HTTPVerb method = entryRequest.getMethod();
        String url = entryRequest.getUrl() == null ? "" : entryRequest.getUrl();
        if (method == null) {
            throw new InvalidRequestException("Each entry of a " + kind(bundle) + " needs request.method");
        }
        if (method == Bundle.HTTPVerb.GET || method == Bundle.HTTPVerb.HEAD) {
            throw RequestGate.refused("Reads inside a " + kind(bundle) + " bundle are not allowed (" + method.toCode()
                    + " " + url + "): send the search as its own request");
        }
        if (method == Bundle.HTTPVerb.PATCH) {
            throw RequestGate.refused("PATCH is not allowed, in a bundle or alone: send the whole resource with PUT");
        }
        if (entryRequest.hasIfNoneMatch() || entryRequest.hasIfModifiedSince()) {
            throw RequestGate.refused("If-None-Match and If-Modified-Since are not allowed");
        }
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : null;
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        String[] segments = path.split("/");
        if (path.contains("$") || path.contains("_history") || path.contains("_search") || segments.length > 2) {
            throw RequestGate.refused("Only creates, updates and deletes of whole records are allowed in a bundle ("
                    + method.toCode() + " " + url + ")");
        }
        String type = segments[0];
        switch (method) {
            case POST -> {
                RequestGate.requireGrant(permissions, type, Interaction.CREATE, null);
                if (entry.hasResource() && !entry.getResource().fhirType().equals(type)) {
                    throw new InvalidRequestException("Entry " + method.toCode() + " " + url + " carries a "
                            + entry.getResource().fhirType());
                }
                if (entryRequest.hasIfNoneExist()) {
                    RequestGate.requireGrant(permissions, type, Interaction.CONDITIONAL_CREATE, null);
                    ConditionalWrites.checkConditionalUrl("If-None-Exist", entryRequest.getIfNoneExist());
                    conditionalWrites
                            .ownChildrenOnly(type, entryRequest.getIfNoneExist())
                            .ifPresent(entryRequest::setIfNoneExist);
                }
            }
            case PUT -> {
                if (query != null) {
                    RequestGate.requireGrant(permissions, type, Interaction.CONDITIONAL_UPDATE, null);
                    ConditionalWrites.checkConditionalUrl("the conditional update URL", query);
                    conditionalWrites.ownChildrenOnly(type, url).ifPresent(entryRequest::setUrl);
                } else {
                    RequestGate.requireGrant(permissions, type, Interaction.UPDATE, null);
                    if (segments.length == 2) {
                        recordVisibility.requireReadable(new IdType(type, segments[1]));
                    }
                }
            }
            case DELETE -> {
                if (query != null || segments.length != 2) {
                    throw RequestGate.refused("Conditional delete is not allowed: delete one record by its id");
                }
                RequestGate.requireGrant(permissions, type, Interaction.DELETE, null);
                recordVisibility.requireReadable(new IdType(type, segments[1]));
            }
            default -> throw RequestGate.refused("No CP-IS rule allows " + method.toCode() + " in a bundle");
        }
    }

    /** The bundle's type as sent; a bundle without one is refused later, by its type, not here. */
    private static String kind(Bundle bundle) {
        return bundle.getType() == null ? "bundle" : bundle.getType().toCode();
    }
}
