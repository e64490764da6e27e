package uk.cpis.server.notifications;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.i18n.Msg;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.matcher.InMemoryMatchResult;
import ca.uhn.fhir.jpa.searchparam.matcher.InMemoryResourceMatcher;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Codes;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.contract.OdsCodes;
import uk.cpis.server.contract.Profiles;
import uk.cpis.server.fhir.RejectReason;
import uk.cpis.server.fhir.Rejection;
import uk.cpis.server.profiles.ValidatorWarmUp;
import uk.cpis.server.security.CallerIdentity;
import uk.cpis.server.security.CallerOrganisation;
import uk.cpis.server.security.CpisActor;
import uk.cpis.server.security.CurrentCaller;

/**
 * A council's notification Subscriptions: a standard R4 Subscription, rest-hook channel, on its own
 * notifications only. Checked when written (criteria, channel, payload, headers, endpoint), owned by
 * the council that wrote it (a {@code meta.tag} with the council's ODS code, set by the server), and
 * seen, changed and deleted by that council alone: another council's Subscription is "not known",
 * exactly like an id that does not exist (what each caller is shown is
 * {@link uk.cpis.server.security.RecordVisibility}'s, as for every owned record; PATCH is refused for all). Its header values are never shown, even to that council
 * ({@link SubscriptionSecrets}); its endpoint must pass {@link SubscriptionEndpoints}.
 */
@Component
@Interceptor
public class SubscriptionRules {

    static final String NOT_YOURS = "A council may subscribe only to its own notifications: the criteria must be"
            + " AuditEvent?responsible-la=<your ODS code>";
    static final Set<String> PAYLOADS = Set.of("application/fhir+json", "application/json");

    private final CurrentCaller currentCaller;
    private final CallerOrganisation callerOrganisation;
    private final SubscriptionEndpoints endpoints;
    private final InMemoryResourceMatcher matcher;
    private final FhirValidator validator;
    private final ValidatorWarmUp warmUp;
    private final DaoRegistry daoRegistry;
    private final FhirContext fhirContext;

    public SubscriptionRules(
            CurrentCaller currentCaller,
            CallerOrganisation callerOrganisation,
            SubscriptionEndpoints endpoints,
            InMemoryResourceMatcher matcher,
            FhirValidator cpisProfileValidator,
            ValidatorWarmUp warmUp,
            DaoRegistry daoRegistry,
            FhirContext fhirContext) {
        this.currentCaller = currentCaller;
        this.callerOrganisation = callerOrganisation;
        this.endpoints = endpoints;
        this.matcher = matcher;
        this.validator = cpisProfileValidator;
        this.warmUp = warmUp;
        this.daoRegistry = daoRegistry;
        this.fhirContext = fhirContext;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        if (resource instanceof Subscription subscription) {
            check(subscription, Optional.empty());
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource oldResource, IBaseResource newResource) {
        if (oldResource instanceof Subscription old && newResource instanceof Subscription changed) {
            refuseIfNotOwn(old);
            check(changed, Optional.of(old));
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if (resource instanceof Subscription subscription) {
            refuseIfNotOwn(subscription);
        }
    }

    /** A council's search of Subscriptions is narrowed to its own, so that totals and pages count only those. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void narrowSearch(RequestDetails request) {
        if (request.getRestOperationType() == RestOperationTypeEnum.SEARCH_TYPE
                && "Subscription".equals(request.getResourceName())
                && currentCaller.actor() == CpisActor.LOCAL_AUTHORITY_SYSTEM) {
            Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameters());
            String own = IdentifierSystems.ODS_CODE + "|" + ownOdsCode();
            parameters.merge("_tag", new String[] {own}, (first, second) -> {
                String[] both = java.util.Arrays.copyOf(first, first.length + 1);
                both[first.length] = second[0];
                return both;
            });
            request.setParameters(parameters);
        }
    }

    /** {@code stored}: the version being replaced, on update. */
    private void check(Subscription subscription, Optional<Subscription> stored) {
        if (currentCaller.actor() != CpisActor.LOCAL_AUTHORITY_SYSTEM) {
            throw new ForbiddenOperationException("Only a council's system subscribes to CP-IS notifications");
        }
        String ods = ownOdsCode();
        String organisation = callerOrganisation
                .reference()
                .orElseThrow(() -> new ForbiddenOperationException("Your organisation is not in the CP-IS register"));
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
        if (channel.getType() != Subscription.SubscriptionChannelType.RESTHOOK) {
            throw unsupported(
                    "CP-IS notifications are delivered by rest-hook only: channel.type must be rest-hook",
                    "Subscription.channel.type");
        }
        SubscriptionCriteria criteria = SubscriptionCriteria.parse(subscription.getCriteria())
                .orElseThrow(() -> unsupported(
                        "criteria must be AuditEvent?responsible-la=<your ODS code>, optionally with further AuditEvent search"
                                + " parameters (e.g. &_tag=" + CodeSystems.NOTIFICATION_TAG + "|"
                                + Codes.REPEAT_ATTENDANCE + ")",
                        "Subscription.criteria"));
        if (!criteria.namesOnly(ods, organisation)) {
            throw new ForbiddenOperationException(NOT_YOURS + " (" + ods + ")");
        }
        criteria.narrowingQuery().ifPresent(narrowing -> {
            InMemoryMatchResult evaluable;
            try {
                evaluable = matcher.canBeEvaluatedInMemory(narrowing);
            } catch (RuntimeException notAQuery) {
                // an unknown parameter, a malformed value
                throw unsupported(
                        "These criteria are not an AuditEvent search this server knows: " + notAQuery.getMessage(),
                        "Subscription.criteria");
            }
            if (!evaluable.supported()) {
                throw unsupported(
                        "These criteria cannot be matched as notifications arrive (" + evaluable.getUnsupportedReason()
                                + "): use AuditEvent search parameters on the record itself, such as _tag or access-type",
                        "Subscription.criteria");
            }
        });
        if (channel.hasPayload()
                && !channel.getPayload().isBlank()
                && !PAYLOADS.contains(channel.getPayload().trim())) {
            throw unsupported(
                    "channel.payload must be application/fhir+json (the notification itself) or absent (an empty"
                            + " POST telling you to pull)",
                    "Subscription.channel.payload");
        }
        // a client that read the subscription sends its headers back masked: keep what is stored
        SubscriptionSecrets.restoreMasked(subscription, stored);
        if (SubscriptionSecrets.headersElsewhere(fhirContext, subscription, stored)) {
            // a JSON Patch "copy" from channel.header, say: it would be shown there
            throw unsupported(
                    "A channel.header may appear nowhere else in the Subscription: header values are never shown",
                    "Subscription.channel.header");
        }
        for (StringType header : channel.getHeader()) {
            if (SubscriptionHeaders.parse(header.getValue()).isEmpty()) {
                throw unsupported(
                        "Each channel.header must be \"Name: value\", and may not set Host, Content-Type, Content-Length"
                                + " or other headers of the exchange itself",
                        "Subscription.channel.header");
            }
        }
        endpoints.refusal(channel.getEndpoint()).ifPresent(why -> {
            throw Rejection.unprocessable(RejectReason.ENDPOINT_NOT_ALLOWED, why, "Subscription.channel.endpoint");
        });
        switch (subscription.hasStatus() ? subscription.getStatus() : Subscription.SubscriptionStatus.REQUESTED) {
            case REQUESTED, ACTIVE -> subscription.setStatus(Subscription.SubscriptionStatus.ACTIVE);
            case OFF -> {}
            default -> throw unsupported("status must be requested, active or off", "Subscription.status");
        }
        subscription.setError(null);
        subscription.getMeta().getTag().removeIf(tag -> IdentifierSystems.ODS_CODE.equals(tag.getSystem()));
        subscription.getMeta().addTag(IdentifierSystems.ODS_CODE, ods, "Subscribing council");
        conformsToProfile(subscription);
    }

    /** Last, so that the rules above give their reasons first: what is stored conforms to the CP-IS profile. */
    private void conformsToProfile(Subscription subscription) {
        String profile = Profiles.NOTIFICATION_SUBSCRIPTION;
        warmUp.awaitDone();
        List<SingleValidationMessage> errors =
                validator
                        .validateWithResult(subscription, new ValidationOptions().addProfile(profile))
                        .getMessages()
                        .stream()
                        .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                        .toList();
        if (!errors.isEmpty()) {
            throw unsupported(
                    "Subscription does not conform to " + profile + ": "
                            + errors.get(0).getMessage(),
                    errors.get(0).getLocationString());
        }
    }

    private void refuseIfNotOwn(Subscription subscription) {
        if (!isOwn(subscription)) {
            throw notKnown(subscription);
        }
    }

    private boolean isOwn(Subscription subscription) {
        String ods = currentCaller.identity().map(CallerIdentity::odsCode).orElse(null);
        return ods != null
                && OdsCodes.subscriberOf(subscription).map(ods::equals).orElse(false);
    }

    private String ownOdsCode() {
        return currentCaller
                .identity()
                .map(CallerIdentity::odsCode)
                .orElseThrow(() -> new ForbiddenOperationException("Your token names no organisation"));
    }

    private static ResourceNotFoundException notKnown(Subscription subscription) {
        return new ResourceNotFoundException(Msg.code(2001) + "Resource "
                + subscription.getIdElement().toUnqualifiedVersionless().getValue() + " is not known");
    }

    private static RuntimeException unsupported(String message, String expression) {
        return Rejection.unprocessable(RejectReason.SUBSCRIPTION_NOT_SUPPORTED, message, expression);
    }
}
