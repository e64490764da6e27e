package uk.cpis.server.boards;

import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.contract.Extensions;
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
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.server.fhir.InterceptorOrder;
import org.springframework.stereotype.Component;
import uk.cpis.server.fhir.RejectReason;
import uk.cpis.server.fhir.Rejection;
import uk.cpis.server.plans.NoDuplicateRecords;

/**
 * The rules of the register of partner agencies and boards, each refused with 422, a reject reason
 * and a message naming the problem, for single requests and for every entry of a transaction or batch:
 * <ul>
 *   <li>a seat (PractitionerRole) names an organisation the register holds ({@code unknown-organisation});
 *   <li>no seat or membership period ends before it starts ({@code invalid-dates});
 *   <li>no board is accountable to itself, directly or through a chain of boards ({@code accountability-cycle});
 *   <li>no two organisations share an ODS code ({@code duplicate-ods-code}); a conditional create or update
 *       by ODS code still finds the one that is there.
 * </ul>
 * The date and organisation rules run before the profile check (which says some of it in general
 * terms); the cycle rule runs just before commit, when the references of a bundle are resolved.
 */
@Component
@Interceptor
public class RegistryRules {


	private final DaoRegistry daoRegistry;
	private final MatchUrlService matchUrlService;
	private final FhirContext fhirContext;

	public RegistryRules(DaoRegistry daoRegistry, MatchUrlService matchUrlService, FhirContext fhirContext) {
		this.daoRegistry = daoRegistry;
		this.matchUrlService = matchUrlService;
		this.fhirContext = fhirContext;
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.BUSINESS_RULES)
	public void beforeCreate(IBaseResource resource, RequestDetails request) {
		if (resource instanceof PractitionerRole seat) {
			checkSeat(seat, request);
		} else if (resource instanceof Group board) {
			checkMemberPeriods(board);
		} else if (resource instanceof Organization organisation) {
			checkOdsCodesAreFree(organisation);
		}
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.BUSINESS_RULES)
	public void beforeUpdate(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		beforeCreate(newResource, request);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void beforeCommitCreate(IBaseResource resource) {
		if (resource instanceof Group board) {
			refuseAccountabilityCycle(board);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void beforeCommitUpdate(IBaseResource oldResource, IBaseResource newResource) {
		beforeCommitCreate(newResource);
	}

	/**
	 * Two registrations of one ODS code in the same bundle (or racing each other past the check above)
	 * are stopped by the unique index of {@link uk.cpis.server.plans.NoDuplicateRecords}; its conflict
	 * is answered as the same 422 rather than HAPI's 409.
	 */
	@Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = InterceptorOrder.REGISTER_MESSAGES)
	public BaseServerResponseException explainDuplicateOdsCode(RequestDetails request, Throwable exception) {
		if (exception instanceof ResourceVersionConflictException conflict && conflict.getMessage() != null
				&& (conflict.getMessage().contains(NoDuplicateRecords.UNIQUE_ORGANISATION)
						|| ONLY_ORGANISATIONS_COLLIDED.matcher(conflict.getMessage()).find())) {
			java.util.regex.Matcher named = java.util.regex.Pattern.compile("ods-organization-code(?:%7C|\\|)([A-Za-z0-9]+)")
					.matcher(conflict.getMessage());
			String ods = named.find() ? named.group(1) : requestBundle(request).stream()
					.flatMap(bundle -> bundle.getEntry().stream())
					.filter(entry -> entry.getResource() instanceof Organization)
					.flatMap(entry -> odsCodes((Organization) entry.getResource()).stream())
					.collect(java.util.stream.Collectors.groupingBy(code -> code, java.util.stream.Collectors.counting()))
					.entrySet().stream().filter(code -> code.getValue() > 1).map(Map.Entry::getKey)
					.findFirst().orElse("(given twice in this request)");
			return duplicateOds(ods, null);
		}
		return null;
	}

	/** HAPI's message when a flush of Organizations alone broke a unique index (the only unique index on them is the ODS code's). */
	private static final java.util.regex.Pattern ONLY_ORGANISATIONS_COLLIDED = java.util.regex.Pattern.compile(
			"resource types: \\[Organization(?: \\(x\\d+\\))?\\] - The operation has failed with a unique index constraint failure");

	// ---- seats ---------------------------------------------------------------------------------

	private void checkSeat(PractitionerRole seat, RequestDetails request) {
		refuseBackwardsPeriod(seat.getPeriod(), "PractitionerRole.period", "the seat");
		if (seat.hasOrganization() && !organisationExists(seat.getOrganization(), request)) {
			Reference organisation = seat.getOrganization();
			String named = organisation.hasReference() ? organisation.getReference()
					: organisation.hasIdentifier() ? organisation.getIdentifier().getSystem() + "|" + organisation.getIdentifier().getValue()
					: "(no reference)";
			throw Rejection.unprocessable(RejectReason.UNKNOWN_ORGANISATION, "PractitionerRole.organization: the seat is for "
					+ named + ", which is not an organisation in the CP-IS register; register the organisation first",
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
					.add("identifier", new TokenParam(identifier.getSystem(), identifier.getValue()))).isEmpty()
					|| inRequestBundle(request, organisation -> organisation.getIdentifier().stream()
							.anyMatch(own -> identifier.getValue() != null && identifier.getValue().equals(own.getValue())
									&& (identifier.getSystem() == null || identifier.getSystem().equals(own.getSystem()))));
		}
		String value = reference.getReference();
		if (value.startsWith("urn:")) {
			return bundleEntry(request, value).filter(Organization.class::isInstance).isPresent();
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
			return ods.isPresent() && inRequestBundle(request, organisation -> odsCodes(organisation).contains(ods.get()));
		}
		if (!"Organization".equals(reference.getReferenceElement().getResourceType())
				|| !reference.getReferenceElement().hasIdPart()) {
			return false;
		}
		try {
			daoRegistry.getResourceDao("Organization").read(reference.getReferenceElement().toUnqualifiedVersionless(),
					new SystemRequestDetails());
			return true;
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return bundleEntry(request, value).filter(Organization.class::isInstance).isPresent();
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

	private static Optional<IBaseResource> bundleEntry(RequestDetails request, String fullUrl) {
		return requestBundle(request).flatMap(bundle -> bundle.getEntry().stream()
				.filter(entry -> fullUrl.equals(entry.getFullUrl()) && entry.hasResource())
				.map(entry -> (IBaseResource) entry.getResource())
				.findFirst());
	}

	private static boolean inRequestBundle(RequestDetails request, java.util.function.Predicate<Organization> matches) {
		return requestBundle(request).stream().flatMap(bundle -> bundle.getEntry().stream())
				.filter(entry -> entry.getResource() instanceof Organization)
				.filter(entry -> entry.getRequest().getMethod() != Bundle.HTTPVerb.DELETE)
				.anyMatch(entry -> matches.test((Organization) entry.getResource()));
	}

	/** The Bundle of the transaction (or batch entry) being processed, kept for the rules above. */
	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
	public void rememberBundle(RequestDetails request, org.hl7.fhir.instance.model.api.IBaseBundle bundle) {
		if (request != null && bundle instanceof Bundle sent) {
			request.getUserData().put(REQUEST_BUNDLE, sent);
		}
	}

	/** The transaction or batch Bundle being processed for this request, if any. */
	private static Optional<Bundle> requestBundle(RequestDetails request) {
		if (request == null) {
			return Optional.empty();
		}
		if (request.getResource() instanceof Bundle bundle) {
			return Optional.of(bundle);
		}
		return request.getUserData().get(REQUEST_BUNDLE) instanceof Bundle bundle ? Optional.of(bundle) : Optional.empty();
	}

	private static final String REQUEST_BUNDLE = RegistryRules.class.getName() + ".bundle";

	// ---- periods -------------------------------------------------------------------------------

	private static void checkMemberPeriods(Group board) {
		for (int i = 0; i < board.getMember().size(); i++) {
			refuseBackwardsPeriod(board.getMember().get(i).getPeriod(), "Group.member[" + i + "].period",
					"the membership of " + describe(board.getMember().get(i).getEntity()));
		}
	}

	private static void refuseBackwardsPeriod(Period period, String expression, String what) {
		if (period.hasStart() && period.hasEnd() && period.getEnd().before(period.getStart())) {
			throw Rejection.unprocessable(RejectReason.INVALID_DATES, expression + ": " + what + " ends ("
					+ period.getEndElement().getValueAsString() + ") before it starts ("
					+ period.getStartElement().getValueAsString() + ")", expression);
		}
	}

	private static String describe(Reference reference) {
		return reference.hasReference() ? reference.getReference() : reference.hasDisplay() ? reference.getDisplay() : "a seat";
	}

	// ---- accountability ------------------------------------------------------------------------

	private void refuseAccountabilityCycle(Group board) {
		String self = "Group/" + board.getIdElement().getIdPart();
		Map<String, String> cameFrom = new LinkedHashMap<>();
		Map<String, String> names = new HashMap<>();
		names.put(self, board.getName());
		Deque<String> todo = new ArrayDeque<>();
		for (String target : accountableTo(board)) {
			cameFrom.putIfAbsent(target, self);
			todo.add(target);
		}
		while (!todo.isEmpty()) {
			String current = todo.poll();
			if (current.equals(self)) {
				throw Rejection.unprocessable(RejectReason.ACCOUNTABILITY_CYCLE, "Group.extension(cpis-board-accountable-to): "
						+ "the board would be accountable to itself: " + chain(self, cameFrom, names)
						+ "; a board is accountable only to boards above it", "Group.extension");
			}
			Optional<Group> next = storedGroup(current);
			if (next.isEmpty()) {
				continue;
			}
			names.put(current, next.get().getName());
			for (String target : accountableTo(next.get())) {
				if (!cameFrom.containsKey(target)) {
					cameFrom.put(target, current);
					todo.add(target);
				}
			}
		}
	}

	/** self → … → self, named, from the breadth-first search's back links. */
	private static String chain(String self, Map<String, String> cameFrom, Map<String, String> names) {
		List<String> path = new ArrayList<>();
		String at = self;
		do {
			path.add(0, label(at, names));
			at = cameFrom.get(at);
		} while (at != null && !at.equals(self) && path.size() < 50);
		path.add(0, label(self, names));
		return String.join(" → ", path);
	}

	private static String label(String reference, Map<String, String> names) {
		String name = names.get(reference);
		return name == null ? reference : name + " (" + reference + ")";
	}

	private static List<String> accountableTo(Group board) {
		List<String> targets = new ArrayList<>();
		for (Extension extension : board.getExtensionsByUrl(Extensions.BOARD_ACCOUNTABLE_TO)) {
			if (extension.getValue() instanceof Reference reference && reference.hasReference()
					&& "Group".equals(reference.getReferenceElement().getResourceType())
					&& reference.getReferenceElement().hasIdPart()) {
				targets.add("Group/" + reference.getReferenceElement().getIdPart());
			}
		}
		return targets;
	}

	private Optional<Group> storedGroup(String reference) {
		try {
			return Optional.of((Group) daoRegistry.getResourceDao("Group").read(
					new org.hl7.fhir.r4.model.IdType(reference), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}

	// ---- ODS codes -----------------------------------------------------------------------------

	private void checkOdsCodesAreFree(Organization organisation) {
		String self = organisation.getIdElement().hasIdPart() ? organisation.getIdElement().getIdPart() : null;
		for (String ods : odsCodes(organisation)) {
			Optional<IBaseResource> other = organisations(SearchParameterMap.newSynchronous()
					.add("identifier", new TokenParam(IdentifierSystems.ODS_CODE, ods))).stream()
					.filter(found -> !found.getIdElement().getIdPart().equals(self))
					.findFirst();
			if (other.isPresent()) {
				throw duplicateOds(ods, "Organization/" + other.get().getIdElement().getIdPart()
						+ " (" + ((Organization) other.get()).getName() + ")");
			}
		}
	}

	static BaseServerResponseException duplicateOds(String ods, String holder) {
		return Rejection.unprocessable(RejectReason.DUPLICATE_ODS_CODE, "Organization.identifier: ODS code " + ods
				+ " is already registered" + (holder == null ? "" : " to " + holder)
				+ "; update that organisation (or create conditionally with"
				+ " If-None-Exist: identifier=" + IdentifierSystems.ODS_CODE + "|" + ods + ")", "Organization.identifier");
	}

	static List<String> odsCodes(Organization organisation) {
		return organisation.getIdentifier().stream()
				.filter(identifier -> IdentifierSystems.ODS_CODE.equals(identifier.getSystem()) && identifier.hasValue())
				.map(Identifier::getValue)
				.distinct()
				.toList();
	}

	private List<IBaseResource> organisations(SearchParameterMap query) {
		return daoRegistry.getResourceDao("Organization").search(query, new SystemRequestDetails()).getAllResources();
	}
}
