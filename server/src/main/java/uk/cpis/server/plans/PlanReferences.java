package uk.cpis.server.plans;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.security.CallerOrganisation;

/**
 * The council and the person a plan names, however it names them. Inside an upload bundle the
 * references are often still conditional ({@code Organization?identifier=<ODS system>|00LC},
 * {@code Patient?identifier=<NHS number system>|...}) when the plan rules run, so both forms are read.
 */
@Component
public class PlanReferences {

    static final String ODS_SYSTEM = IdentifierSystems.ODS_CODE;

    private final DaoRegistry daoRegistry;
    private final CallerOrganisation organisations;

    public PlanReferences(DaoRegistry daoRegistry, CallerOrganisation organisations) {
        this.daoRegistry = daoRegistry;
        this.organisations = organisations;
    }

    /** The ODS code of the plan's author. */
    public Optional<String> authorOds(Flag plan) {
        Reference author = plan.getAuthor();
        if (author.hasIdentifier() && ODS_SYSTEM.equals(author.getIdentifier().getSystem()) && !author.hasReference()) {
            return Optional.ofNullable(author.getIdentifier().getValue());
        }
        Optional<String> conditional = conditionalValue(author, "Organization", ODS_SYSTEM);
        if (conditional.isPresent() || !isStored(author, "Organization")) {
            return conditional;
        }
        try {
            Organization organisation = (Organization) daoRegistry
                    .getResourceDao("Organization")
                    .read(author.getReferenceElement().toUnqualifiedVersionless(), new SystemRequestDetails());
            return organisation.getIdentifier().stream()
                    .filter(identifier -> ODS_SYSTEM.equals(identifier.getSystem()))
                    .map(identifier -> identifier.getValue())
                    .findFirst();
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    /** {@code Organization/123} of the plan's author. */
    public Optional<String> authorReference(Flag plan) {
        if (isStored(plan.getAuthor(), "Organization")) {
            return Optional.of(plan.getAuthor()
                    .getReferenceElement()
                    .toUnqualifiedVersionless()
                    .getValue());
        }
        return authorOds(plan).flatMap(organisations::referenceOf);
    }

    /**
     * The stored Patient the plan is for: when a council writes, only among its own children (another
     * council's record of the same child is not this plan's subject).
     */
    public Optional<Patient> person(Flag plan) {
        Reference subject = plan.getSubject();
        try {
            Optional<String> nhsNumber = conditionalValue(subject, "Patient", IdentifierSystems.NHS_NUMBER);
            if (nhsNumber.isPresent()) {
                SearchParameterMap byNhsNumber = SearchParameterMap.newSynchronous()
                        .add("identifier", new TokenParam(IdentifierSystems.NHS_NUMBER, nhsNumber.get()));
                organisations
                        .reference()
                        .ifPresent(council -> byNhsNumber.add("organization", new ReferenceParam(council)));
                return daoRegistry
                        .getResourceDao("Patient")
                        .search(byNhsNumber, new SystemRequestDetails())
                        .getAllResources()
                        .stream()
                        .map(Patient.class::cast)
                        .findFirst();
            }
            if (isStored(subject, "Patient")) {
                return Optional.of((Patient) daoRegistry
                        .getResourceDao("Patient")
                        .read(subject.getReferenceElement().toUnqualifiedVersionless(), new SystemRequestDetails()));
            }
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            // an unknown subject is for the reference check to report
        }
        return Optional.empty();
    }

    private static Optional<String> conditionalValue(Reference reference, String type, String system) {
        if (!reference.hasReference()) {
            return Optional.empty();
        }
        String decoded = URLDecoder.decode(reference.getReference(), StandardCharsets.UTF_8);
        String prefix = type + "?identifier=" + system + "|";
        if (decoded.startsWith(prefix) && !decoded.substring(prefix.length()).contains("&")) {
            return Optional.of(decoded.substring(prefix.length()));
        }
        return Optional.empty();
    }

    private static boolean isStored(Reference reference, String type) {
        return reference.hasReference()
                && !reference.getReference().contains("?")
                && type.equals(reference.getReferenceElement().getResourceType())
                && reference.getReferenceElement().hasIdPart();
    }
}
