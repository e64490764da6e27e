package uk.cpis.server.security;

import ca.uhn.fhir.i18n.Msg;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Subscription;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.AccessRecord;
import uk.cpis.server.contract.OdsCodes;
import uk.cpis.server.contract.ServedTypes;
import uk.cpis.server.fhir.InterceptorOrder;

/**
 * Which stored records a caller may be shown, checked on every resource the server is about to
 * return (reads, searches, included resources, pages). The query rules ({@link LookUpQueries}) keep
 * callers to the right questions; this keeps the answers right whatever the question.
 *
 * <ul>
 *   <li>A council sees its own plans, the children it has a plan for, and its notifications (the
 *       unscheduled accesses to its records, the missed appointments of its children); another
 *       council's plan is "not known", exactly as if it did not exist.
 *   <li>A clinician sees plans that are active or ended in the last 12 months (never entered in
 *       error) and only unscheduled accesses in a child's access history.
 * </ul>
 */
@Component
@Interceptor
public class RecordVisibility {

    private static final java.util.Set<RestOperationTypeEnum> ANSWERS_TO_QUESTIONS = java.util.EnumSet.of(
            RestOperationTypeEnum.READ,
            RestOperationTypeEnum.VREAD,
            RestOperationTypeEnum.SEARCH_TYPE,
            RestOperationTypeEnum.SEARCH_SYSTEM,
            RestOperationTypeEnum.GET_PAGE,
            RestOperationTypeEnum.HISTORY_INSTANCE,
            RestOperationTypeEnum.HISTORY_TYPE,
            RestOperationTypeEnum.HISTORY_SYSTEM,
            RestOperationTypeEnum.EXTENDED_OPERATION_TYPE,
            RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE,
            RestOperationTypeEnum.EXTENDED_OPERATION_SERVER);

    /** A write shows the caller a stored record only as the match of a conditional URL. */
    private static final java.util.Set<RestOperationTypeEnum> WRITES = java.util.EnumSet.of(
            RestOperationTypeEnum.CREATE,
            RestOperationTypeEnum.UPDATE,
            RestOperationTypeEnum.DELETE,
            RestOperationTypeEnum.PATCH,
            RestOperationTypeEnum.TRANSACTION);

    private final CurrentCaller currentCaller;
    private final CallerOrganisation callerOrganisation;
    private final DaoRegistry daoRegistry;
    private final Clock clock;

    public RecordVisibility(
            CurrentCaller currentCaller, CallerOrganisation callerOrganisation, DaoRegistry daoRegistry, Clock clock) {
        this.currentCaller = currentCaller;
        this.callerOrganisation = callerOrganisation;
        this.daoRegistry = daoRegistry;
        this.clock = clock;
    }

    @Hook(Pointcut.STORAGE_PREACCESS_RESOURCES)
    public void hideOthersRecords(IPreResourceAccessDetails details, RequestDetails request) {
        if (currentCaller.identity().isEmpty() || !ANSWERS_TO_QUESTIONS.contains(request.getRestOperationType())) {
            // A write's answer shows what the writer sent, or its own record that a conditional write matched.
            return;
        }
        Predicate<IBaseResource> visible = visibility();
        for (int i = 0; i < details.size(); i++) {
            IBaseResource resource = details.getResource(i);
            if (!visible.test(resource)) {
                if (isReadById(request)) {
                    // the same answer as for an id that does not exist: no hint that the record is there
                    throw notKnown(
                            resource.getIdElement().toUnqualifiedVersionless().getValue());
                }
                details.setDontReturnResourceAtIndex(i);
            }
        }
    }

    /**
     * A purged (deleted) child or plan answers like one that never existed, to everyone: HAPI's 410
     * Gone, with its deletion time, would tell a council that another council once had a plan there.
     */
    @Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = InterceptorOrder.NOT_KNOWN)
    public BaseServerResponseException goneIsNotKnown(RequestDetails request, Throwable exception) {
        if (exception instanceof ResourceGoneException
                && request.getId() != null
                && ServedTypes.PATIENT_DATA.contains(request.getResourceName())) {
            return notKnown(request.getId().toUnqualifiedVersionless().getValue());
        }
        return null; // anything else is for the other exception hooks (ErrorResponses)
    }

    /**
     * A conditional create or update, or a conditional reference, matches only records the caller may
     * read: HAPI shows the match to this hook, and a record taken out here counts as no match. So a match
     * never returns, locates or confirms another party's record; the caller's write goes to its own.
     */
    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void matchOnlyOwnRecords(IPreResourceShowDetails details, RequestDetails request) {
        if (request == null
                || request instanceof SystemRequestDetails
                || currentCaller.identity().isEmpty()
                || !WRITES.contains(request.getRestOperationType())) {
            return; // the server's own work (sample data, start-up) matches everything; answers are hideOthersRecords'
        }
        Predicate<IBaseResource> visible = visibility();
        for (int i = 0; i < details.size(); i++) {
            IBaseResource resource = details.getResource(i);
            if (resource != null && !visible.test(resource)) {
                details.setResource(i, null);
            }
        }
    }

    /**
     * A write or delete by id: the record must exist and be one the caller may read; otherwise the
     * answer of an unknown id, so the answer never confirms that another party's record is there.
     */
    void requireReadable(IIdType id) {
        String type = id.getResourceType();
        if (!ServedTypes.OWNED.contains(type) || daoRegistry.getResourceDao(type) == null) {
            return;
        }
        IBaseResource stored;
        try {
            stored = daoRegistry.getResourceDao(type).read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException | InvalidRequestException e) {
            throw notKnown(type + "/" + id.getIdPart());
        }
        if (!mayRead(stored)) {
            throw notKnown(type + "/" + id.getIdPart());
        }
    }

    /** Whether the current caller may be shown this stored record. */
    public boolean mayRead(IBaseResource resource) {
        return visibility().test(resource);
    }

    /** The current caller's view of stored records, its facts (kind, organisation) worked out once. */
    private Predicate<IBaseResource> visibility() {
        CpisActor actor = currentCaller.actor();
        String ods = currentCaller.identity().map(CallerIdentity::odsCode).orElse(null);
        String council = actor == CpisActor.LOCAL_AUTHORITY_SYSTEM
                ? callerOrganisation.reference().orElse(null)
                : null;
        return resource -> {
            if (resource instanceof Appointment) {
                return false; // a missed appointment goes to the council as a notification, never back to anyone
            }
            if (resource instanceof Subscription subscription) {
                return actor == CpisActor.LOCAL_AUTHORITY_SYSTEM
                        && ods != null
                        && OdsCodes.subscriberOf(subscription)
                                .filter(ods::equals)
                                .isPresent();
            }
            return switch (actor) {
                case CLINICIAN -> clinicianSees(resource);
                case LOCAL_AUTHORITY_SYSTEM -> councilSees(council, resource);
                case BOARD_ADMINISTRATOR, NONE -> !ServedTypes.PATIENT_DATA.contains(resource.fhirType());
            };
        };
    }

    static ResourceNotFoundException notKnown(String id) {
        return new ResourceNotFoundException(Msg.code(2001) + "Resource " + id + " is not known");
    }

    private boolean clinicianSees(IBaseResource resource) {
        if (resource instanceof Flag plan) {
            return PlanVisibility.shownInLookUp(plan, clock.instant());
        }
        if (resource instanceof AuditEvent access) {
            return AccessRecord.of(access).isUnscheduledAccess();
        }
        if (resource instanceof Patient person) {
            return PlanVisibility.personShown(plansOf(person), clock.instant());
        }
        return true;
    }

    private java.util.List<Flag> plansOf(Patient person) {
        SearchParameterMap plans = SearchParameterMap.newSynchronous()
                .add(
                        "subject",
                        new ReferenceParam(
                                person.getIdElement().toUnqualifiedVersionless().getValue()));
        return daoRegistry.getResourceDao("Flag").search(plans, new SystemRequestDetails()).getAllResources().stream()
                .map(Flag.class::cast)
                .toList();
    }

    private boolean councilSees(String council, IBaseResource resource) {
        if (council == null) {
            return !ServedTypes.PATIENT_DATA.contains(resource.fhirType());
        }
        if (resource instanceof Flag plan) {
            return council.equals(plan.getAuthor()
                    .getReferenceElement()
                    .toUnqualifiedVersionless()
                    .getValue());
        }
        if (resource instanceof Patient child) {
            // each council's child is its own record: the council that manages it
            return council.equals(child.getManagingOrganization()
                    .getReferenceElement()
                    .toUnqualifiedVersionless()
                    .getValue());
        }
        if (resource instanceof AuditEvent event) {
            // its notifications: unscheduled accesses and missed appointments, never silent reads
            AccessRecord access = AccessRecord.of(event);
            return !access.isScheduledAccess() && access.councils().containsKey(council);
        }
        return !"CareTeam".equals(resource.fhirType());
    }

    private static boolean isReadById(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        return operation == RestOperationTypeEnum.READ || operation == RestOperationTypeEnum.VREAD;
    }
}
