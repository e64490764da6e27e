package uk.cpis.server.patients;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;
import uk.cpis.server.fhir.FhirServerInterceptor;
import uk.cpis.server.fhir.RejectReason;
import uk.cpis.server.fhir.Rejection;

/**
 * Refuses a Patient whose NHS number fails the check digit, before anything else looks at it, with
 * the national reject reason. (The profile's invariant says the same; this gives the clearer answer.)
 */
@Component
@Interceptor
public class NhsNumberRule implements FhirServerInterceptor {

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = -100)
	public void onCreate(IBaseResource resource) {
		check(resource);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -100)
	public void onUpdate(IBaseResource oldResource, IBaseResource newResource) {
		check(newResource);
	}

	private void check(IBaseResource resource) {
		if (!(resource instanceof Patient patient)) {
			return;
		}
		for (Identifier identifier : patient.getIdentifier()) {
			if (NhsNumber.SYSTEM.equals(identifier.getSystem()) && !NhsNumber.isValid(identifier.getValue())) {
				throw Rejection.unprocessable(
						RejectReason.NHS_NUMBER_INVALID,
						"Patient.identifier: '" + identifier.getValue() + "' is not a valid NHS number"
								+ " (10 digits with a modulus-11 check digit)",
						"Patient.identifier");
			}
		}
	}
}
