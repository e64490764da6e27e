package uk.cpis.server.profiles;

import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationOptions;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.Profiles;
import uk.cpis.server.fhir.StartUpStep;

/**
 * Validates one resource per CP-IS profile before the server takes requests: HAPI's validator loads
 * the core terminology and builds its profile snapshots on first use, which took the first upload
 * after a start many seconds. A council's first upload of the day should not pay for it.
 */
@Component
public class ValidatorWarmUp implements StartUpStep {

    private static final Logger log = LoggerFactory.getLogger(ValidatorWarmUp.class);

    private final FhirValidator validator;

    public ValidatorWarmUp(FhirValidator cpisProfileValidator) {
        this.validator = cpisProfileValidator;
    }

    @Override
    public void prepare() {
        long started = System.nanoTime();
        validator.validateWithResult(new Patient(), new ValidationOptions().addProfile(Profiles.PATIENT));
        validator.validateWithResult(new Flag(), new ValidationOptions().addProfile(Profiles.FLAG));
        validator.validateWithResult(new Organization(), new ValidationOptions().addProfile(Profiles.LOCAL_AUTHORITY));
        log.info("Profile validator ready in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}
