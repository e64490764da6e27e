package uk.cpis.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;
import uk.cpis.server.fhir.InterceptorOrder;
import uk.cpis.server.security.AccessPolicy.Grant;
import uk.cpis.server.security.AccessPolicy.Interaction;
import uk.cpis.server.security.AccessPolicy.Permissions;

/**
 * Enforces the {@link AccessPolicy} on every request before HAPI acts on it: the interaction, the
 * resource type, each search parameter (name, modifier and chain exactly as declared), each include,
 * the conditional headers and URLs, the operation and the parameters it binds (URL or body), and each
 * entry of a batch or transaction as if it were sent alone. Anything the policy does not declare is
 * 403 naming the rule. HAPI would otherwise serve its whole REST surface (PATCH, history, conditional
 * forms, {@code _has}...), each a way around the rules written for the CP-IS paths.
 *
 * <p>A write or operation on one record (update, delete, an instance operation) whose record the
 * caller may not read answers exactly as for an id that does not exist (404 "is not known"): the
 * answer never confirms that another party's record is there.
 */
@Component
@Interceptor
public class RequestGate {

    private static final Set<String> REFUSED_HEADERS = Set.of(
            Constants.HEADER_IF_NONE_MATCH,
            Constants.HEADER_IF_MODIFIED_SINCE,
            "X-Upsert-Extistence-Check",
            "X-Cascade");

    /** How the answer is written: nothing that changes what is done (no respond-async) or what is searched. */
    private static final Set<String> ALLOWED_PREFERENCES = Set.of(
            "return=minimal",
            "return=representation",
            "return=OperationOutcome",
            "handling=strict",
            "handling=lenient");

    private final CurrentCaller currentCaller;
    private final RecordVisibility recordVisibility;
    private final ConditionalWrites conditionalWrites;
    private final OperationGate operations;
    private final BundleEntryGate bundleEntries;

    public RequestGate(
            CurrentCaller currentCaller,
            RecordVisibility recordVisibility,
            ConditionalWrites conditionalWrites,
            OperationGate operations,
            BundleEntryGate bundleEntries) {
        this.currentCaller = currentCaller;
        this.recordVisibility = recordVisibility;
        this.conditionalWrites = conditionalWrites;
        this.operations = operations;
        this.bundleEntries = bundleEntries;
    }

    /** Before the narrowing of searches ({@link LookUpQueries}) adds the server's own parameters. */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = InterceptorOrder.ACCESS_POLICY)
    public void check(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == null || operation == RestOperationTypeEnum.METADATA) {
            return;
        }
        CpisActor actor = currentCaller.actor();
        Permissions permissions = AccessPolicy.of(actor);
        refuseHeaders(request);
        String type = request.getResourceName();
        switch (operation) {
            case READ, VREAD -> requireGrant(permissions, type, Interaction.READ, operation);
            case SEARCH_TYPE -> {
                request.setParameters(SearchGate.oneIncludePerValue(request.getParameters()));
                SearchGate.check(actor, permissions, type, request.getParameters());
            }
            case CREATE -> {
                requireGrant(permissions, type, Interaction.CREATE, operation);
                String ifNoneExist = request.getHeader(Constants.HEADER_IF_NONE_EXIST);
                if (ifNoneExist != null) {
                    requireGrant(permissions, type, Interaction.CONDITIONAL_CREATE, operation);
                    ConditionalWrites.checkConditionalUrl("If-None-Exist", ifNoneExist);
                    conditionalWrites.ownChildrenOnly(type, ifNoneExist).ifPresent(request::setFixedConditionalUrl);
                }
                onlyFormatParameters(request.getParameters());
            }
            case UPDATE -> {
                if (request.getId() != null && request.getId().hasIdPart()) {
                    requireGrant(permissions, type, Interaction.UPDATE, operation);
                    onlyFormatParameters(request.getParameters());
                    recordVisibility.requireReadable(request.getId().withResourceType(type));
                } else {
                    requireGrant(permissions, type, Interaction.CONDITIONAL_UPDATE, operation);
                    ConditionalWrites.checkConditionalParameters("the conditional update URL", request.getParameters());
                    String conditional = request.getConditionalUrl(RestOperationTypeEnum.UPDATE);
                    conditionalWrites.ownChildrenOnly(type, conditional).ifPresent(request::setFixedConditionalUrl);
                }
            }
            case DELETE -> {
                if (request.getId() == null || !request.getId().hasIdPart()) {
                    throw refused("Conditional delete is not allowed: delete one record by its id");
                }
                requireGrant(permissions, type, Interaction.DELETE, operation);
                onlyFormatParameters(request.getParameters());
                recordVisibility.requireReadable(request.getId().withResourceType(type));
            }
            case EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_SERVER -> operations.check(permissions, request, type);
            case TRANSACTION -> {
                if (!permissions.bundles()) {
                    throw refused("No CP-IS rule allows batch or transaction bundles for a " + actor.label());
                }
                onlyFormatParameters(request.getParameters());
            }
            case GET_PAGE -> {
                if (actor == CpisActor.CLINICIAN) {
                    throw refused("Paging through stored search results is not allowed: ask again with _count (up to "
                            + LookUpQueries.MAX_LOOK_UP_COUNT + "); " + LookUpQueries.HOW_TO_LOOK_UP);
                }
                onlyParameters(request.getParameters(), AccessPolicy.PAGE_PARAMETERS, "a paging link");
            }
            case PATCH -> throw refused("PATCH is not allowed: send the whole resource with PUT");
            case HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM ->
                throw refused("History is not allowed: read the current record");
            case EXTENDED_OPERATION_INSTANCE ->
                throw refused("No CP-IS operation works on one record by id (" + request.getOperation() + ")");
            default -> throw refused("No CP-IS rule allows " + operation.getCode() + " for a " + actor.label());
        }
    }

    /** Bundle entries and operation bodies are parsed by now. */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = InterceptorOrder.ACCESS_POLICY)
    public void checkBodies(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation == RestOperationTypeEnum.TRANSACTION && request.getResource() instanceof Bundle bundle) {
            Permissions permissions = AccessPolicy.of(currentCaller.actor());
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                bundleEntries.check(permissions, bundle, entry);
            }
        }
    }

    static Grant requireGrant(
            Permissions permissions, String type, Interaction interaction, RestOperationTypeEnum operation) {
        Grant grant = type == null ? null : permissions.grant(type).orElse(null);
        if (grant == null || !grant.allows(interaction)) {
            throw refused("No CP-IS rule allows " + interaction.label() + " of " + (type == null ? "this" : type)
                    + " for this caller");
        }
        return grant;
    }

    private static void refuseHeaders(RequestDetails request) {
        for (String header : REFUSED_HEADERS) {
            if (request.getHeader(header) != null) {
                throw refused("The " + header + " header is not allowed");
            }
        }
        String prefer = request.getHeader(Constants.HEADER_PREFER);
        if (prefer != null) {
            for (String preference : prefer.split("[,;]")) {
                if (!preference.isBlank()
                        && !ALLOWED_PREFERENCES.contains(preference.strip().replace(" ", ""))) {
                    throw refused("Prefer: " + preference.strip() + " is not allowed; allowed: "
                            + String.join(", ", ALLOWED_PREFERENCES));
                }
            }
        }
        String ifMatch = request.getHeader(Constants.HEADER_IF_MATCH);
        if (ifMatch != null && request.getRestOperationType() != RestOperationTypeEnum.UPDATE) {
            throw refused("If-Match is allowed only on an update by id");
        }
    }

    private static void onlyFormatParameters(Map<String, String[]> parameters) {
        onlyParameters(parameters, AccessPolicy.FORMAT_PARAMETERS, "this request");
    }

    private static void onlyParameters(Map<String, String[]> parameters, Set<String> allowed, String what) {
        for (String name : parameters.keySet()) {
            if (!allowed.contains(name)) {
                throw refused("The parameter '" + name + "' is not allowed on " + what);
            }
        }
    }

    static ForbiddenOperationException refused(String message) {
        return new ForbiddenOperationException(message);
    }
}
