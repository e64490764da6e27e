package uk.cpis.server.patients;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.i18n.Msg;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.contract.ServedTypes;
import uk.cpis.server.fhir.InterceptorOrder;
import uk.cpis.server.fhir.RejectReason;
import uk.cpis.server.fhir.Rejection;
import uk.cpis.server.security.CallerOrganisation;
import uk.cpis.server.security.CpisActor;
import uk.cpis.server.security.CurrentCaller;

/**
 * Each council's child is its own record. A Patient a council uploads is managed by that council
 * ({@code Patient.managingOrganization}, filled in by the server when the upload leaves it out); a
 * child with plans at two councils is two Patients, one per council, and a clinician's look-up
 * merges them by NHS number. So nothing a council sends can change, reveal or shadow another
 * council's child:
 *
 * <ul>
 *   <li>a Patient naming another organisation as its manager is refused (422 not-your-plan), and the
 *       manager of a stored child never changes;
 *   <li>a stored child's NHS number never changes (422 nhs-number-changed): another number is another child;
 *   <li>a plan's subject must be one of the council's own children; another council's child answers
 *       exactly as a Patient id that does not exist (HAPI's own wording), so the answer confirms nothing.
 * </ul>
 */
@Component
@Interceptor
public class ChildOwnership {

    private final CurrentCaller currentCaller;
    private final CallerOrganisation callerOrganisation;
    private final DaoRegistry daoRegistry;
    private final FhirContext fhirContext;

    public ChildOwnership(
            CurrentCaller currentCaller,
            CallerOrganisation callerOrganisation,
            DaoRegistry daoRegistry,
            FhirContext fhirContext) {
        this.currentCaller = currentCaller;
        this.callerOrganisation = callerOrganisation;
        this.daoRegistry = daoRegistry;
        this.fhirContext = fhirContext;
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.OWNERSHIP_RULE)
    public void onCreate(IBaseResource resource) {
        councilWriting().ifPresent(council -> {
            noReferencesToOtherRecords(resource);
            if (resource instanceof Patient child) {
                manageAsOwn(child, council);
            } else if (resource instanceof Flag plan) {
                requireOwnChild(plan, council);
            }
        });
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.OWNERSHIP_RULE)
    public void onUpdate(IBaseResource oldResource, IBaseResource newResource) {
        if (oldResource instanceof Patient stored && newResource instanceof Patient changed) {
            requireSameNhsNumber(stored, changed);
        }
        councilWriting().ifPresent(council -> {
            noReferencesToOtherRecords(newResource);
            if (newResource instanceof Patient child) {
                if (!council.equals(managerOf((Patient) oldResource))) {
                    throw new ResourceNotFoundException(Msg.code(2001) + "Resource Patient/"
                            + oldResource.getIdElement().getIdPart() + " is not known");
                }
                manageAsOwn(child, council);
            } else if (newResource instanceof Flag plan) {
                requireOwnChild(plan, council);
            }
        });
    }

    /**
     * A council's record names another child's or plan's record only as a plan's subject (checked
     * below): any other reference to a Patient, Flag, AuditEvent, Subscription or Appointment (such as
     * Patient.link) is refused whether or not its target exists, so it cannot be used to probe for them.
     */
    private void noReferencesToOtherRecords(IBaseResource resource) {
        Reference subject = resource instanceof Flag plan ? plan.getSubject() : null;
        for (ResourceReferenceInfo reference : fhirContext.newTerser().getAllResourceReferences(resource)) {
            String type = reference.getResourceReference().getReferenceElement().getResourceType();
            if (reference.getResourceReference() != subject && type != null && ServedTypes.OWNED.contains(type)) {
                throw Rejection.unprocessable(
                        RejectReason.NOT_YOUR_PLAN,
                        reference.getName() + ": a council's upload may"
                                + " refer to a child's record only as a plan's subject, and to no " + type,
                        reference.getName());
            }
        }
    }

    /** The caller's council Organization when a council is writing; empty for everyone else and the server itself. */
    private Optional<String> councilWriting() {
        if (currentCaller.actor() != CpisActor.LOCAL_AUTHORITY_SYSTEM) {
            return Optional.empty();
        }
        return Optional.of(callerOrganisation
                .reference()
                .orElseThrow(() -> new ForbiddenOperationException("Your organisation is not in the CP-IS register")));
    }

    private void manageAsOwn(Patient child, String council) {
        Reference manager = child.getManagingOrganization();
        if (manager.isEmpty()) {
            child.setManagingOrganization(new Reference(council));
            return;
        }
        String named = manager.getReferenceElement().toUnqualifiedVersionless().getValue();
        boolean own = council.equals(named) || ownByIdentifier(manager);
        if (!own) {
            throw Rejection.unprocessable(
                    RejectReason.NOT_YOUR_PLAN,
                    "Patient.managingOrganization must be your own"
                            + " council's Organization: each council uploads its own record of a child",
                    "Patient.managingOrganization");
        }
        child.setManagingOrganization(new Reference(council));
    }

    /** {@code Organization?identifier=<ODS system>|<the caller's ODS code>}, as upload bundles name the council. */
    private boolean ownByIdentifier(Reference manager) {
        String ods = currentCaller.identity().map(caller -> caller.odsCode()).orElse(null);
        String reference = manager.getReference() == null
                ? ""
                : java.net.URLDecoder.decode(manager.getReference(), java.nio.charset.StandardCharsets.UTF_8);
        return ods != null && reference.equals("Organization?identifier=" + IdentifierSystems.ODS_CODE + "|" + ods);
    }

    private void requireOwnChild(Flag plan, String council) {
        Reference subject = plan.getSubject();
        if (!subject.hasReference()
                || subject.getReference().contains("?")
                || subject.getReference().startsWith("urn:")
                || !"Patient".equals(subject.getReferenceElement().getResourceType())) {
            return; // conditional references match only the council's own children; the profile requires a Patient
        }
        String id = subject.getReferenceElement().getIdPart();
        Patient child;
        try {
            child = (Patient) daoRegistry
                    .getResourceDao("Patient")
                    .read(subject.getReferenceElement().toUnqualifiedVersionless(), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            throw notKnown("Patient/" + id, "Flag.subject");
        }
        if (!council.equals(managerOf(child))) {
            throw notKnown("Patient/" + id, "Flag.subject");
        }
    }

    private static String managerOf(Patient child) {
        return child.getManagingOrganization()
                .getReferenceElement()
                .toUnqualifiedVersionless()
                .getValue();
    }

    private static void requireSameNhsNumber(Patient stored, Patient changed) {
        String before = nhsNumber(stored);
        if (before != null && !before.equals(nhsNumber(changed))) {
            throw Rejection.unprocessable(
                    RejectReason.NHS_NUMBER_CHANGED,
                    "Patient.identifier: a stored child's NHS number"
                            + " cannot change; a different NHS number is a different child, uploaded as a new record",
                    "Patient.identifier");
        }
    }

    private static String nhsNumber(Patient person) {
        return person.getIdentifier().stream()
                .filter(identifier -> IdentifierSystems.NHS_NUMBER.equals(identifier.getSystem()))
                .map(Identifier::getValue)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    /** HAPI's own answer for a reference to a record that does not exist. */
    private static InvalidRequestException notKnown(String reference, String path) {
        return new InvalidRequestException(
                Msg.code(1094) + "Resource " + reference + " not found, specified in path: " + path);
    }
}
