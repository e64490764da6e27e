package uk.cpis.server.patients;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.Extensions;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.fhir.InterceptorOrder;
import uk.cpis.server.fhir.RejectReason;
import uk.cpis.server.fhir.Rejection;

/**
 * Refuses a Patient whose NHS number fails the check digit, or is not verified (verification status
 * other than 01), before anything else looks at it, with the national reject reason. (The profile
 * says the same in general terms; this gives the clearer answer.)
 */
@Component
@Interceptor
public class NhsNumberRule {

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.NHS_NUMBER_RULE)
    public void onCreate(IBaseResource resource) {
        check(resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.NHS_NUMBER_RULE)
    public void onUpdate(IBaseResource oldResource, IBaseResource newResource) {
        check(newResource);
    }

    static final String VERIFIED = "01";

    private static String verificationStatus(Identifier identifier) {
        return identifier.getExtension().stream()
                .filter(extension -> Extensions.NHS_NUMBER_VERIFICATION_STATUS.equals(extension.getUrl()))
                .map(extension -> extension.getValue() instanceof CodeableConcept concept
                        ? concept.getCodingFirstRep().getCode()
                        : null)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private void check(IBaseResource resource) {
        if (!(resource instanceof Patient patient)) {
            return;
        }
        for (Identifier identifier : patient.getIdentifier()) {
            if (IdentifierSystems.NHS_NUMBER.equals(identifier.getSystem())
                    && !NhsNumber.isValid(identifier.getValue())) {
                throw Rejection.unprocessable(
                        RejectReason.NHS_NUMBER_INVALID,
                        "Patient.identifier: '" + identifier.getValue() + "' is not a valid NHS number"
                                + " (10 digits with a modulus-11 check digit)",
                        "Patient.identifier");
            }
            if (IdentifierSystems.NHS_NUMBER.equals(identifier.getSystem())) {
                String status = verificationStatus(identifier);
                if (status != null && !VERIFIED.equals(status)) {
                    throw Rejection.unprocessable(
                            RejectReason.NHS_NUMBER_NOT_VERIFIED,
                            "Patient.identifier: the NHS number's verification status is " + status
                                    + "; CP-IS holds only verified numbers (01, number present and verified)",
                            "Patient.identifier.extension");
                }
            }
        }
    }
}
