package uk.cpis.server.profiles;

import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationOptions;
import java.util.concurrent.CompletableFuture;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.Profiles;
import uk.cpis.server.fhir.StartUpStep;

/**
 * Validates one resource per CP-IS profile at start-up: HAPI's validator loads the core terminology
 * and builds its profile snapshots on first use, which took the first upload after a start many
 * seconds. A council's first upload of the day should not pay for it.
 *
 * <p>It runs on its own thread, so the server reports ready without waiting for it (it was 3 s of a
 * start). Every write is still validated: a write's validation first waits for the warm-up to finish
 * ({@link #awaitDone()}), so the first writes after a start wait at most those seconds, and never meet a
 * half-built validator; look-ups do not validate and do not wait.
 */
@Component
public class ValidatorWarmUp implements StartUpStep {

    private static final Logger log = LoggerFactory.getLogger(ValidatorWarmUp.class);

    private final FhirValidator validator;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    public ValidatorWarmUp(FhirValidator cpisProfileValidator) {
        this.validator = cpisProfileValidator;
    }

    @Override
    public void prepare() {
        Thread thread = new Thread(this::warmUp, "cpis-validator-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns once the warm-up has finished (whether or not it succeeded: validation then decides alone). */
    public void awaitDone() {
        if (!done.isDone()) {
            done.exceptionally(failed -> null).join();
        }
    }

    private void warmUp() {
        long started = System.nanoTime();
        try {
            validator.validateWithResult(new Patient(), new ValidationOptions().addProfile(Profiles.PATIENT));
            validator.validateWithResult(new Flag(), new ValidationOptions().addProfile(Profiles.FLAG));
            validator.validateWithResult(
                    new Organization(), new ValidationOptions().addProfile(Profiles.LOCAL_AUTHORITY));
            log.info("Profile validator ready in {} ms", (System.nanoTime() - started) / 1_000_000);
            done.complete(null);
        } catch (RuntimeException | Error failed) {
            log.error("Profile validator warm-up failed; writes are validated without it", failed);
            done.completeExceptionally(failed);
        }
    }
}
