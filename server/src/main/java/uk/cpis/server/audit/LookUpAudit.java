package uk.cpis.server.audit;

import uk.cpis.server.contract.ServedTypes;
import uk.cpis.server.contract.Operations;
import uk.cpis.server.contract.IdentifierSystems;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.cpis.server.fhir.FhirServerInterceptor;
import uk.cpis.server.security.CallerIdentity;
import uk.cpis.server.security.CpisActor;
import uk.cpis.server.security.AccessPolicy;
import uk.cpis.server.security.CurrentCaller;

/**
 * Every answer that reveals CP-IS information is recorded before it is sent: HAPI calls this hook
 * after the answer is ready and before a byte of it is written. A clinician's look-up gets an access
 * record (one per look-up, whether or not the child has a plan); a council's read a security record.
 * If the record cannot be stored the client gets 503 and nothing else (fail closed).
 *
 * <p>A look-up whose answer shows nothing (no child, plan, council or access history: most look-ups)
 * is recorded in the {@link AccessLog}; every other record is a stored HAPI AuditEvent.
 */
@Component
@Interceptor
public class LookUpAudit implements FhirServerInterceptor {

	/** Request user data: the NHS number an operation looked up, as HAPI bound it. */
	public static final String NHS_NUMBER_LOOKED_UP = "cpis.nhs-number-looked-up";
	private static final Logger log = LoggerFactory.getLogger(LookUpAudit.class);
	private static final Set<RestOperationTypeEnum> QUESTIONS = Set.of(RestOperationTypeEnum.READ,
			RestOperationTypeEnum.VREAD, RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.HISTORY_INSTANCE);
	private static final Set<RestOperationTypeEnum> ANSWERS = Set.of(RestOperationTypeEnum.GET_PAGE,
			RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE,
			RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, RestOperationTypeEnum.SEARCH_SYSTEM);

	private final CurrentCaller currentCaller;
	private final AuditTrail auditTrail;
	private final AccessLog accessLog;
	private final DaoRegistry daoRegistry;
	private final Clock clock;

	public LookUpAudit(CurrentCaller currentCaller, AuditTrail auditTrail, AccessLog accessLog, DaoRegistry daoRegistry,
			Clock clock) {
		this.currentCaller = currentCaller;
		this.auditTrail = auditTrail;
		this.accessLog = accessLog;
		this.daoRegistry = daoRegistry;
		this.clock = clock;
	}

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean recordBeforeAnswering(RequestDetails request, ResponseDetails response) {
		CpisActor actor = currentCaller.actor();
		RestOperationTypeEnum operation = request.getRestOperationType();
		if (!actor.seesPatientData() || operation == null) {
			return true;
		}
		List<IBaseResource> shown = resourcesIn(response.getResponseResource());
		boolean asked = (QUESTIONS.contains(operation) || Operations.LOOKUP.equals(request.getOperation()))
				&& ServedTypes.PATIENT_DATA.contains(request.getResourceName());
		boolean revealed = (QUESTIONS.contains(operation) || ANSWERS.contains(operation))
				&& shown.stream().anyMatch(resource -> ServedTypes.PATIENT_DATA.contains(resource.fhirType()));
		if (!asked && !revealed) {
			return true;
		}
		CallerIdentity caller = currentCaller.identity().orElseThrow();
		try {
			if (actor != CpisActor.CLINICIAN) {
				auditTrail.store(councilReadRecord(caller, operation, shown));
			} else if (revealed) {
				auditTrail.store(lookUpRecord(caller, request, operation, shown));
			} else {
				accessLog.store(lookUpRecord(caller, request, operation, shown));
			}
		} catch (RuntimeException notStored) {
			log.error("Answer withheld with 503: its access record could not be stored ({})",
					notStored.getClass().getName());
			throw new AccessNotRecordedException();
		}
		return true;
	}

	private AuditEvent lookUpRecord(CallerIdentity caller, RequestDetails request, RestOperationTypeEnum operation,
			List<IBaseResource> shown) {
		AccessType accessType = AccessType.of(caller.activityCodes(), request.getHeader(AccessType.HEADER));
		AuditEvent record = AuditRecords.access(caller, accessType, interaction(operation), Date.from(clock.instant()));
		Patient child = first(shown, Patient.class);
		List<Flag> plans = all(shown, Flag.class);
		String patientReference = child != null ? reference(child)
				: plans.isEmpty() ? null : plans.get(0).getSubject().getReferenceElement().toUnqualifiedVersionless().getValue();
		String nhsNumber = nhsNumberAskedFor(request);
		if (nhsNumber == null && child != null) {
			nhsNumber = child.getIdentifier().stream()
					.filter(identifier -> IdentifierSystems.NHS_NUMBER.equals(identifier.getSystem()))
					.map(Identifier::getValue).findFirst().orElse(null);
		}
		AuditRecords.addPatient(record, nhsNumber, patientReference);
		plans.forEach(plan -> AuditRecords.addFlag(record, reference(plan)));
		Map<String, String> councils = councilsOf(plans, shown);
		// the national API's view: a CareTeam per plan, with the plan's id and its council
		for (CareTeam team : all(shown, CareTeam.class)) {
			AuditRecords.addFlag(record, "Flag/" + team.getIdElement().getIdPart());
			Reference council = team.getManagingOrganizationFirstRep();
			councils.putIfAbsent(council.getReferenceElement().toUnqualifiedVersionless().getValue(), council.getIdentifier().getValue());
			if (patientReference == null) {
				AuditRecords.patientOf(record).setReference(team.getSubject().getReference());
			}
		}
		councils.forEach((organisation, ods) -> AuditRecords.addResponsibleCouncil(record, organisation, ods));
		return record;
	}

	private AuditEvent councilReadRecord(CallerIdentity caller, RestOperationTypeEnum operation, List<IBaseResource> shown) {
		AuditEvent record = AuditRecords.security(caller, interaction(operation), AuditEvent.AuditEventAction.R,
				AuditEvent.AuditEventOutcome._0, null, Date.from(clock.instant()));
		Set<String> children = new LinkedHashSet<>();
		all(shown, Patient.class).forEach(child -> children.add(reference(child)));
		all(shown, Flag.class).forEach(plan -> children.add(plan.getSubject().getReferenceElement().toUnqualifiedVersionless().getValue()));
		children.forEach(child -> AuditRecords.addPatient(record, null, child));
		all(shown, Flag.class).forEach(plan -> AuditRecords.addFlag(record, reference(plan)));
		return record;
	}

	/** The councils that own the plans shown, by Organization reference, with their ODS codes. */
	private Map<String, String> councilsOf(List<Flag> plans, List<IBaseResource> shown) {
		Map<String, Organization> included = new LinkedHashMap<>();
		all(shown, Organization.class).forEach(organisation -> included.put(reference(organisation), organisation));
		Map<String, String> councils = new LinkedHashMap<>();
		for (Flag plan : plans) {
			String author = plan.getAuthor().getReferenceElement().toUnqualifiedVersionless().getValue();
			if (author == null || councils.containsKey(author)) {
				continue;
			}
			Organization council = included.containsKey(author) ? included.get(author)
					: (Organization) daoRegistry.getResourceDao("Organization")
							.read(plan.getAuthor().getReferenceElement().toUnqualifiedVersionless(), new SystemRequestDetails());
			council.getIdentifier().stream()
					.filter(identifier -> IdentifierSystems.ODS_CODE.equals(identifier.getSystem()))
					.findFirst()
					.ifPresent(ods -> councils.put(author, ods.getValue()));
		}
		return councils;
	}

	private static String nhsNumberAskedFor(RequestDetails request) {
		if (request.getUserData().get(NHS_NUMBER_LOOKED_UP) instanceof String bound) {
			return bound; // what the operation looked up, from the parameters HAPI bound (URL or body)
		}
		for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
			if (parameter.getKey().equals("identifier") || parameter.getKey().endsWith(".identifier")) {
				for (String value : parameter.getValue()) {
					if (value.startsWith(IdentifierSystems.NHS_NUMBER + "|")) {
						return value.substring(IdentifierSystems.NHS_NUMBER.length() + 1);
					}
				}
			}
		}
		return null;
	}

	private static String interaction(RestOperationTypeEnum operation) {
		return switch (operation) {
			case READ -> "read";
			case VREAD -> "vread";
			case HISTORY_INSTANCE -> "history-instance";
			case SEARCH_TYPE, GET_PAGE -> "search-type";
			case SEARCH_SYSTEM -> "search-system";
			default -> "operation";
		};
	}

	private static List<IBaseResource> resourcesIn(IBaseResource answer) {
		List<IBaseResource> resources = new ArrayList<>();
		if (answer instanceof Bundle bundle) {
			bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
					.forEach(entry -> resources.addAll(resourcesIn(entry.getResource())));
		} else if (answer != null) {
			resources.add(answer);
		}
		return resources;
	}

	private static <T extends IBaseResource> List<T> all(List<IBaseResource> resources, Class<T> type) {
		return resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private static <T extends IBaseResource> T first(List<IBaseResource> resources, Class<T> type) {
		return all(resources, type).stream().findFirst().orElse(null);
	}

	private static String reference(IBaseResource resource) {
		return resource.getIdElement().toUnqualifiedVersionless().getValue();
	}
}
