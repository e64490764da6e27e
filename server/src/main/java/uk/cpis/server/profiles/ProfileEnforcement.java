package uk.cpis.server.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * Every Patient, Flag, Organization, Group and Appointment stored must conform to its CP-IS profile,
 * declared or not. Runs on HAPI's storage hooks, so it applies to single requests and to every
 * entry of transaction and batch bundles alike; a failure is a 422 whose issues name the element
 * and the rule. The time each check takes is published as {@code cpis_profile_validation_seconds}
 * (by resource type): validation is the largest share of an upload's CPU.
 */
@Component
@Interceptor
public class ProfileEnforcement {

    private final FhirContext fhirContext;
    private final FhirValidator validator;
    private final MeterRegistry meters;
    private final ValidatorWarmUp warmUp;

    public ProfileEnforcement(
            FhirContext fhirContext, FhirValidator cpisProfileValidator, MeterRegistry meters, ValidatorWarmUp warmUp) {
        this.fhirContext = fhirContext;
        this.validator = cpisProfileValidator;
        this.meters = meters;
        this.warmUp = warmUp;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void onCreate(IBaseResource resource) {
        enforce(resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void onUpdate(IBaseResource oldResource, IBaseResource newResource) {
        enforce(newResource);
    }

    private void enforce(IBaseResource resource) {
        CpisProfiles.requiredFor(resource).ifPresent(profile -> {
            warmUp.awaitDone();
            ValidationResult result = Timer.builder("cpis.profile.validation")
                    .description("Time to check one stored resource against its CP-IS profile")
                    .tag("type", resource.fhirType())
                    .register(meters)
                    .record(() -> validator.validateWithResult(resource, new ValidationOptions().addProfile(profile)));
            List<SingleValidationMessage> errors = result.getMessages().stream()
                    .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                    .toList();
            if (!errors.isEmpty()) {
                throw new UnprocessableEntityException(fhirContext, outcome(resource, profile, errors));
            }
        });
    }

    private static OperationOutcome outcome(
            IBaseResource resource, String profile, List<SingleValidationMessage> errors) {
        OperationOutcome outcome = new OperationOutcome();
        for (SingleValidationMessage error : errors) {
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                    .setSeverity(IssueSeverity.ERROR)
                    .setCode(IssueType.PROCESSING)
                    .setDiagnostics(
                            resource.fhirType() + " does not conform to " + profile + ": " + error.getMessage());
            if (error.getLocationString() != null) {
                issue.getExpression().add(new StringType(error.getLocationString()));
            }
        }
        return outcome;
    }
}
