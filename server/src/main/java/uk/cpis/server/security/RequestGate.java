package uk.cpis.server.security;

import uk.cpis.server.contract.ServedTypes;
import uk.cpis.server.contract.Operations;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.stereotype.Component;
import uk.cpis.server.fhir.InterceptorOrder;
import uk.cpis.server.security.AccessPolicy.Grant;
import uk.cpis.server.security.AccessPolicy.Interaction;
import uk.cpis.server.security.AccessPolicy.OperationGrant;
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

	/** Types whose records belong to one party: a write to one the caller may not read is "not known". */
	/** The search parameter naming the council that owns a record of each type a council writes conditionally. */
	private static final Map<String, String> OWNER_PARAMETERS = Map.of("Patient", "organization", "Flag", "author");
	private static final Set<String> REFUSED_HEADERS = Set.of(Constants.HEADER_IF_NONE_MATCH,
			Constants.HEADER_IF_MODIFIED_SINCE, "X-Upsert-Extistence-Check", "X-Cascade");

	/** How the answer is written: nothing that changes what is done (no respond-async) or what is searched. */
	private static final Set<String> ALLOWED_PREFERENCES = Set.of("return=minimal", "return=representation",
			"return=OperationOutcome", "handling=strict", "handling=lenient");

	private final CurrentCaller currentCaller;
	private final CallerOrganisation callerOrganisation;
	private final RecordVisibility recordVisibility;
	private final DaoRegistry daoRegistry;
	private final FhirContext fhirContext;

	public RequestGate(CurrentCaller currentCaller, CallerOrganisation callerOrganisation, RecordVisibility recordVisibility,
			DaoRegistry daoRegistry, FhirContext fhirContext) {
		this.currentCaller = currentCaller;
		this.callerOrganisation = callerOrganisation;
		this.recordVisibility = recordVisibility;
		this.daoRegistry = daoRegistry;
		this.fhirContext = fhirContext;
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
			case SEARCH_TYPE -> checkSearch(actor, permissions, type, request.getParameters());
			case CREATE -> {
				requireGrant(permissions, type, Interaction.CREATE, operation);
				String ifNoneExist = request.getHeader(Constants.HEADER_IF_NONE_EXIST);
				if (ifNoneExist != null) {
					requireGrant(permissions, type, Interaction.CONDITIONAL_CREATE, operation);
					checkConditionalUrl("If-None-Exist", ifNoneExist);
					ownChildrenOnly(type, ifNoneExist).ifPresent(request::setFixedConditionalUrl);
				}
				onlyFormatParameters(request.getParameters());
			}
			case UPDATE -> {
				if (request.getId() != null && request.getId().hasIdPart()) {
					requireGrant(permissions, type, Interaction.UPDATE, operation);
					onlyFormatParameters(request.getParameters());
					requireReadable(request.getId().withResourceType(type));
				} else {
					requireGrant(permissions, type, Interaction.CONDITIONAL_UPDATE, operation);
					checkConditionalParameters("the conditional update URL", request.getParameters());
					String conditional = request.getConditionalUrl(RestOperationTypeEnum.UPDATE);
					ownChildrenOnly(type, conditional).ifPresent(request::setFixedConditionalUrl);
				}
			}
			case DELETE -> {
				if (request.getId() == null || !request.getId().hasIdPart()) {
					throw refused("Conditional delete is not allowed: delete one record by its id");
				}
				requireGrant(permissions, type, Interaction.DELETE, operation);
				onlyFormatParameters(request.getParameters());
				requireReadable(request.getId().withResourceType(type));
			}
			case EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_SERVER -> checkOperation(permissions, request, type);
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
			case EXTENDED_OPERATION_INSTANCE -> throw refused("No CP-IS operation works on one record by id ("
					+ request.getOperation() + ")");
			default -> throw refused("No CP-IS rule allows " + operation.getCode() + " for a " + actor.label());
		}
	}

	/** Bundle entries and operation bodies are parsed by now. */
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = InterceptorOrder.ACCESS_POLICY)
	public void checkBodies(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation == RestOperationTypeEnum.TRANSACTION && request.getResource() instanceof Bundle bundle) {
			Permissions permissions = AccessPolicy.of(currentCaller.actor());
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				checkEntry(permissions, bundle, entry);
			}
		}
	}

	private void checkEntry(Permissions permissions, Bundle bundle, Bundle.BundleEntryComponent entry) {
		Bundle.BundleEntryRequestComponent entryRequest = entry.getRequest();
		Bundle.HTTPVerb method = entryRequest.getMethod();
		String url = entryRequest.getUrl() == null ? "" : entryRequest.getUrl();
		if (method == null) {
			throw new InvalidRequestException("Each entry of a " + bundle.getType().toCode() + " needs request.method");
		}
		if (method == Bundle.HTTPVerb.GET || method == Bundle.HTTPVerb.HEAD) {
			throw refused("Reads inside a " + bundle.getType().toCode() + " bundle are not allowed (" + method.toCode()
					+ " " + url + "): send the search as its own request");
		}
		if (method == Bundle.HTTPVerb.PATCH) {
			throw refused("PATCH is not allowed, in a bundle or alone: send the whole resource with PUT");
		}
		if (entryRequest.hasIfNoneMatch() || entryRequest.hasIfModifiedSince()) {
			throw refused("If-None-Match and If-Modified-Since are not allowed");
		}
		String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
		String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : null;
		if (path.startsWith("/")) {
			path = path.substring(1);
		}
		String[] segments = path.split("/");
		if (path.contains("$") || path.contains("_history") || path.contains("_search") || segments.length > 2) {
			throw refused("Only creates, updates and deletes of whole records are allowed in a bundle (" + method.toCode()
					+ " " + url + ")");
		}
		String type = segments[0];
		switch (method) {
			case POST -> {
				requireGrant(permissions, type, Interaction.CREATE, null);
				if (entry.hasResource() && !entry.getResource().fhirType().equals(type)) {
					throw new InvalidRequestException("Entry " + method.toCode() + " " + url + " carries a "
							+ entry.getResource().fhirType());
				}
				if (entryRequest.hasIfNoneExist()) {
					requireGrant(permissions, type, Interaction.CONDITIONAL_CREATE, null);
					checkConditionalUrl("If-None-Exist", entryRequest.getIfNoneExist());
					ownChildrenOnly(type, entryRequest.getIfNoneExist()).ifPresent(entryRequest::setIfNoneExist);
				}
			}
			case PUT -> {
				if (query != null) {
					requireGrant(permissions, type, Interaction.CONDITIONAL_UPDATE, null);
					checkConditionalUrl("the conditional update URL", query);
					ownChildrenOnly(type, url).ifPresent(entryRequest::setUrl);
				} else {
					requireGrant(permissions, type, Interaction.UPDATE, null);
					if (segments.length == 2) {
						requireReadable(new IdType(type, segments[1]));
					}
				}
			}
			case DELETE -> {
				if (query != null || segments.length != 2) {
					throw refused("Conditional delete is not allowed: delete one record by its id");
				}
				requireGrant(permissions, type, Interaction.DELETE, null);
				requireReadable(new IdType(type, segments[1]));
			}
			default -> throw refused("No CP-IS rule allows " + method.toCode() + " in a bundle");
		}
	}

	private void checkSearch(CpisActor actor, Permissions permissions, String type, Map<String, String[]> parameters) {
		Grant grant = requireGrant(permissions, type, Interaction.SEARCH, RestOperationTypeEnum.SEARCH_TYPE);
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			// patient:identifier reaches HAPI as patient.identifier (IdentifierModifierSearches); both are one question
			String asChain = name.endsWith(":identifier") ? name.substring(0, name.length() - ":identifier".length())
					+ ".identifier" : name;
			if ((name.equals("_include") || name.equals("_include:iterate")) && permissions.resultParameters().contains(name)) {
				for (String include : parameter.getValue()) {
					if (!grant.includes().contains(include)) {
						throw refused("_include=" + include + " is not allowed on " + type + " for a " + actor.label()
								+ (grant.includes().isEmpty() ? "" : "; allowed: " + String.join(", ", grant.includes())));
					}
				}
			} else if (name.equals("_revinclude") && !grant.revIncludes().isEmpty()) {
				for (String include : parameter.getValue()) {
					if (!grant.revIncludes().contains(include)) {
						throw refused("_revinclude=" + include + " is not allowed on " + type + "; allowed: "
								+ String.join(", ", grant.revIncludes()));
					}
				}
			} else if (name.startsWith("_has") || name.startsWith("_revinclude")) {
				throw refused("'" + name + "' is not allowed: it would join other parties' records");
			} else if (permissions.resultParameters().contains(name)) {
				if (actor == CpisActor.CLINICIAN && ServedTypes.PATIENT_DATA.contains(type)) {
					refuseCounts(name, parameter.getValue());
				}
			} else if (!grant.searchParameters().contains(name) && !grant.searchParameters().contains(asChain)) {
				throw refused("The search parameter '" + name + "' is not allowed on " + type + " for a " + actor.label()
						+ "; allowed: " + String.join(", ", grant.searchParameters()));
			}
		}
	}

	/** A clinician's total or count would say whether a child has a plan without being recorded as the look-up. */
	private static void refuseCounts(String name, String[] values) {
		for (String value : values) {
			if ((name.equals("_summary") && value.equals("count")) || (name.equals("_count") && value.equals("0"))) {
				throw refused(name + "=" + value + " is not allowed in a look-up: ask for the records, and the look-up is"
						+ " recorded; " + LookUpQueries.HOW_TO_LOOK_UP);
			}
		}
	}

	private void checkOperation(Permissions permissions, RequestDetails request, String type) {
		String name = request.getOperation();
		OperationGrant grant = permissions.operation(name, type).orElseThrow(() -> refused("No CP-IS rule allows the operation "
				+ name + (type == null ? "" : " on " + type) + " for a " + currentCaller.actor().label()));
		boolean hasBody = request.getRequestType() == RequestTypeEnum.POST && hasContent(request);
		Map<String, String[]> urlParameters = new LinkedHashMap<>(request.getParameters());
		AccessPolicy.FORMAT_PARAMETERS.forEach(urlParameters::remove);
		if (hasBody && !Operations.VALIDATE.equals(name)) {
			if (!urlParameters.isEmpty()) {
				throw new InvalidRequestException(name + ": send the parameters either in the URL or in a Parameters body,"
						+ " not both (URL has " + String.join(", ", urlParameters.keySet()) + ")");
			}
			checkParametersBody(name, grant, request);
		} else {
			for (String parameter : urlParameters.keySet()) {
				if (!grant.parameters().contains(parameter)) {
					throw new InvalidRequestException(name + " has no parameter '" + parameter + "'; its parameters: "
							+ String.join(", ", grant.parameters()));
				}
			}
		}
	}

	/** The CP-IS operations take strings ({@code system|value} for identifiers), as their OperationDefinitions say. */
	private void checkParametersBody(String name, OperationGrant grant, RequestDetails request) {
		IBaseResource body = request.getResource();
		try {
			if (body == null) {
				String content = new String(request.loadRequestContents(), StandardCharsets.UTF_8).strip();
				body = (content.startsWith("<") ? fhirContext.newXmlParser() : fhirContext.newJsonParser()).parseResource(content);
			}
		} catch (DataFormatException e) {
			throw new InvalidRequestException(name + ": the body must be a FHIR Parameters resource");
		}
		if (!(body instanceof Parameters parameters)) {
			throw new InvalidRequestException(name + ": the body must be a FHIR Parameters resource");
		}
		for (Parameters.ParametersParameterComponent parameter : parameters.getParameter()) {
			if (!grant.parameters().contains(parameter.getName())) {
				throw new InvalidRequestException(name + " has no parameter '" + parameter.getName() + "'; its parameters: "
						+ String.join(", ", grant.parameters()));
			}
			if (!(parameter.getValue() instanceof org.hl7.fhir.r4.model.StringType)) {
				throw new InvalidRequestException(name + ": parameter '" + parameter.getName() + "' must be a valueString"
						+ ("identifier".equals(parameter.getName()) ? " of the form system|value" : ""));
			}
		}
		request.setResource(parameters);
	}

	private static boolean hasContent(RequestDetails request) {
		byte[] content = request.loadRequestContents();
		return content != null && content.length > 0;
	}

	private static Grant requireGrant(Permissions permissions, String type, Interaction interaction,
			RestOperationTypeEnum operation) {
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
				if (!preference.isBlank() && !ALLOWED_PREFERENCES.contains(preference.strip().replace(" ", ""))) {
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

	/**
	 * A council's conditional URL on a child or a plan names the council too ({@code &organization=} or
	 * {@code &author=Organization/<id>}), added here after the caller's URL was checked. HAPI resolves the
	 * conditional URLs of a transaction in one prefetch that no interceptor sees, so the URL itself must say
	 * whose records it may match. The match then finds only the council's own record of
	 * the child (as {@link RecordVisibility} also ensures), and HAPI's guard against two conditional creates
	 * of one URL (a unique row per match URL) tells two councils' records of one child apart instead of
	 * refusing the second council with a conflict that names the first's match.
	 */
	private Optional<String> ownChildrenOnly(String type, String conditionalUrl) {
		String owner = OWNER_PARAMETERS.get(type);
		if (owner == null || conditionalUrl == null || currentCaller.actor() != CpisActor.LOCAL_AUTHORITY_SYSTEM) {
			return Optional.empty();
		}
		String council = callerOrganisation.reference()
				.orElseThrow(() -> refused("Your organisation is not in the CP-IS register"));
		return Optional.of(conditionalUrl + "&" + owner + "=" + council);
	}

	/** {@code identifier=<system>|<value>}, one value: nothing else may select the record to match. */
	static void checkConditionalUrl(String where, String url) {
		String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : url;
		Map<String, String[]> parameters = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			parameters.merge(name, new String[] {value}, (first, second) -> new String[] {first[0], second[0]});
		}
		checkConditionalParameters(where, parameters);
	}

	static void checkConditionalParameters(String where, Map<String, String[]> parameters) {
		Map<String, String[]> selecting = new LinkedHashMap<>(parameters);
		AccessPolicy.FORMAT_PARAMETERS.forEach(selecting::remove);
		String[] values = selecting.get(AccessPolicy.CONDITIONAL_PARAMETER);
		if (selecting.size() != 1 || values == null || values.length != 1 || values[0].isBlank() || values[0].contains(",")) {
			throw refused(where + " may name only " + AccessPolicy.CONDITIONAL_PARAMETER
					+ "=<system>|<value> (one value), not " + String.join(", ", selecting.keySet()));
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

	/** The record must exist and be one the caller may read; otherwise the answer of an unknown id. */
	private void requireReadable(IIdType id) {
		String type = id.getResourceType();
		if (!ServedTypes.OWNED.contains(type) || daoRegistry.getResourceDao(type) == null) {
			return;
		}
		IBaseResource stored;
		try {
			stored = daoRegistry.getResourceDao(type).read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException | InvalidRequestException e) {
			throw RecordVisibility.notKnown(type + "/" + id.getIdPart());
		}
		if (!recordVisibility.mayRead(stored)) {
			throw RecordVisibility.notKnown(type + "/" + id.getIdPart());
		}
	}

	static ForbiddenOperationException refused(String message) {
		return new ForbiddenOperationException(message);
	}
}
