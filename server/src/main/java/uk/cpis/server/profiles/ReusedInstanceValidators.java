package uk.cpis.server.profiles;

import ca.uhn.fhir.context.ConfigurationException;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI's {@link FhirInstanceValidator}, with its settings and its verdicts, except that the HL7
 * {@link InstanceValidator}s it runs are kept and reused instead of built anew for every resource.
 * Building one (its FHIRPath engine, profile utilities and caches) was about a fifth of the
 * validation CPU of an upload; the HL7 validator's own command line reuses one validator for many
 * files the same way.
 *
 * <p>A validator checks one resource at a time: it is taken from a small pool and given back
 * after. A validator is dropped after {@link #USES} resources, so nothing one validation leaves
 * in it can grow without bound. JSON only (every stored resource is validated from JSON); anything
 * else goes to HAPI's own path. {@code ValidationVerdictsTest} compares the verdicts with HAPI's
 * stock validator on the examples, the counter-examples, the invalid samples and thousands of
 * mutations of them.
 */
public class ReusedInstanceValidators extends FhirInstanceValidator {

    /**
     * A reused validator keeps what it built along the way (element trees, constraint caches): at 1,000
     * uses the pool held up to ~90 MB more live heap after a 30-minute soak. At 100 uses construction
     * is still about a thousandth of the validation CPU.
     */
    static final int USES = 100;

    private final BlockingQueue<Pooled> pool =
            new ArrayBlockingQueue<>(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));

    private record Pooled(InstanceValidator validator, int[] uses) {}

    public ReusedInstanceValidators(IValidationSupport validationSupport) {
        super(validationSupport);
    }

    @Override
    protected List<ValidationMessage> validate(IValidationContext<?> context) {
        if (context.getResourceAsStringEncoding() != EncodingEnum.JSON) {
            return super.validate(context);
        }
        IWorkerContext worker = provideWorkerContext();
        List<ValidationMessage> messages = new ArrayList<>();
        List<StructureDefinition> profiles = new ArrayList<>();
        List<ValidationMessage> unknownProfiles = new ArrayList<>();
        for (String url : profilesOf(context)) {
            StructureDefinition profile = worker.fetchResource(StructureDefinition.class, url);
            if (profile != null) {
                profiles.add(profile);
            } else {
                unknownProfiles.add(new ValidationMessage()
                        .setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN)
                        .setLevel(ValidationMessage.IssueSeverity.ERROR)
                        .setMessage("Invalid profile. Failed to retrieve profile with url=" + url));
            }
        }
        Pooled pooled = take(worker);
        try {
            pooled.validator()
                    .validate(
                            null,
                            messages,
                            new ByteArrayInputStream(
                                    context.getResourceAsString().getBytes(StandardCharsets.UTF_8)),
                            Manager.FhirFormat.JSON,
                            profiles);
        } catch (RuntimeException | Error failed) {
            // not given back: whatever it holds now is not trusted (a body nested deeply enough overflows
            // the stack inside it)
            pooled.uses()[0] = USES;
            throw failed;
        } finally {
            giveBack(pooled);
        }
        if (profiles.isEmpty()) {
            messages.addAll(unknownProfiles);
        }
        // the same filters and severities as HAPI's wrapper of the validator
        List<ValidationMessage> kept = messages.stream()
                .filter(message -> message.getMessageId() == null
                        || !(message.getMessageId().equals(I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE)
                                || (message.getMessageId().equals(I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND)
                                        && message.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes"))))
                .toList();
        kept.stream()
                .filter(message -> I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN.equals(message.getMessageId())
                        || I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY.equals(message.getMessageId()))
                .forEach(message -> message.setLevel(
                        isErrorForUnknownProfiles()
                                ? ValidationMessage.IssueSeverity.ERROR
                                : ValidationMessage.IssueSeverity.WARNING));
        return new ArrayList<>(kept);
    }

    /** The profiles asked for, then those the resource declares, as HAPI's wrapper reads them. */
    private static Set<String> profilesOf(IValidationContext<?> context) {
        Set<String> urls = new LinkedHashSet<>(context.getOptions().getProfiles());
        Object resource = context.getResource();
        if (resource instanceof IBaseResource declared && declared.getMeta() != null) {
            declared.getMeta().getProfile().stream()
                    .map(IPrimitiveType::getValueAsString)
                    .filter(url -> url != null)
                    .forEach(urls::add);
        }
        return urls;
    }

    private Pooled take(IWorkerContext worker) {
        Pooled pooled = pool.poll();
        return pooled != null ? pooled : new Pooled(newValidator(worker), new int[1]);
    }

    private void giveBack(Pooled pooled) {
        if (++pooled.uses()[0] < USES) {
            pool.offer(pooled);
        }
    }

    /** Built as HAPI's wrapper builds one, with this validator's settings. */
    private InstanceValidator newValidator(IWorkerContext worker) {
        InstanceValidator validator;
        try {
            validator = new InstanceValidator(
                    worker,
                    getHostApplicationServices() != null
                            ? getHostApplicationServices()
                            : new FhirInstanceValidator.NullEvaluationContext(),
                    new XVerExtensionManagerOld(worker),
                    new ValidatorSession(),
                    new ValidatorSettings());
        } catch (Exception e) {
            throw new ConfigurationException("Cannot build the HL7 instance validator: " + e.getMessage(), e);
        }
        validator.setAssumeValidRestReferences(isAssumeValidRestReferences());
        validator.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
        validator.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
        validator.setResourceIdRule(IdStatus.OPTIONAL);
        validator.setNoTerminologyChecks(isNoTerminologyChecks());
        validator.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
        validator.setUnknownCodeSystemsCauseErrors(true);
        validator.getExtensionDomains().addAll(getExtensionDomains());
        validator.setFetcher(getValidatorResourceFetcher());
        validator.setPolicyAdvisor(getValidatorPolicyAdvisor());
        validator.setNoExtensibleWarnings(isNoExtensibleWarnings());
        validator.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
        validator.setAllowExamples(isAllowExamples());
        validator.setAllowXsiLocation(true);
        return validator;
    }
}
