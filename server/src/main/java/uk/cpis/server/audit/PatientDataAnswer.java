package uk.cpis.server.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import uk.cpis.server.contract.Operations;
import uk.cpis.server.contract.ServedTypes;

/**
 * An answer that must be recorded before it is sent: it answers a question about patient data
 * (a read or search of a patient-data type, or a look-up), or it reveals patient data whatever the
 * question (a page, an operation). {@code resources} are the resources it shows, bundles unpacked.
 */
public record PatientDataAnswer(RestOperationTypeEnum operation, List<IBaseResource> resources, boolean revealed) {

    private static final Set<RestOperationTypeEnum> QUESTIONS = Set.of(
            RestOperationTypeEnum.READ,
            RestOperationTypeEnum.VREAD,
            RestOperationTypeEnum.SEARCH_TYPE,
            RestOperationTypeEnum.HISTORY_INSTANCE);
    private static final Set<RestOperationTypeEnum> ANSWERS = Set.of(
            RestOperationTypeEnum.GET_PAGE,
            RestOperationTypeEnum.EXTENDED_OPERATION_TYPE,
            RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE,
            RestOperationTypeEnum.EXTENDED_OPERATION_SERVER,
            RestOperationTypeEnum.SEARCH_SYSTEM);

    /** The answer, if it asks about or reveals patient data; empty if it need not be recorded. */
    public static Optional<PatientDataAnswer> of(RequestDetails request, ResponseDetails response) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == null) {
            return Optional.empty();
        }
        List<IBaseResource> shown = resourcesIn(response.getResponseResource());
        boolean asked = (QUESTIONS.contains(operation) || Operations.LOOKUP.equals(request.getOperation()))
                && ServedTypes.PATIENT_DATA.contains(request.getResourceName());
        boolean revealed = (QUESTIONS.contains(operation) || ANSWERS.contains(operation))
                && shown.stream().anyMatch(resource -> ServedTypes.PATIENT_DATA.contains(resource.fhirType()));
        return asked || revealed ? Optional.of(new PatientDataAnswer(operation, shown, revealed)) : Optional.empty();
    }

    /** FHIR's name of the interaction, as an access or security record's subtype. */
    public String interaction() {
        return switch (operation) {
            case READ -> "read";
            case VREAD -> "vread";
            case HISTORY_INSTANCE -> "history-instance";
            case SEARCH_TYPE, GET_PAGE -> "search-type";
            case SEARCH_SYSTEM -> "search-system";
            default -> "operation";
        };
    }

    public <T extends IBaseResource> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<IBaseResource> resourcesIn(IBaseResource answer) {
        List<IBaseResource> resources = new ArrayList<>();
        if (answer instanceof Bundle bundle) {
            bundle.getEntry().stream()
                    .filter(Bundle.BundleEntryComponent::hasResource)
                    .forEach(entry -> resources.addAll(resourcesIn(entry.getResource())));
        } else if (answer != null) {
            resources.add(answer);
        }
        return resources;
    }
}
