package uk.cpis.server.notifications;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.springframework.stereotype.Component;
import uk.cpis.server.fhir.InterceptorOrder;
import uk.cpis.server.fhir.RejectReason;
import uk.cpis.server.fhir.Rejection;

/**
 * A Subscription's {@code channel.header} values are write-only: they are the council's credentials
 * for its own listener, and the server needs them only to deliver. Every answer of the FHIR endpoint
 * that carries a Subscription (read, vread, search, history, a create or update's answer, the match of
 * a conditional create, entries of a batch or transaction answer, at any depth of Bundles) shows each
 * header with its name and the value {@value SubscriptionHeaders#MASK} ({@code "Authorization: ***"}),
 * to everyone, the council that wrote it included. The stored Subscription keeps the values, and
 * delivery reads them from storage, never from an answer.
 *
 * <p>The name is kept, rather than the header dropped, so that a council's system can see which
 * headers it configured, and so that read-modify-write works as a vendor's client expects: an update
 * ({@code PUT}) that sends a header back as {@code "Name: ***"} keeps the stored value of that header
 * (matched by name, case-insensitive, in order when a name repeats); a header sent with a new value
 * replaces it, and a header left out is removed, as with any other element of a PUT. A masked value
 * that matches no stored header (on create, or a name the stored version lacks) is refused with 422:
 * the mask is never stored as if it were the secret.
 *
 * <p>Nor can a header be copied where it would be shown: a write whose other elements contain a header
 * (a JSON Patch {@code copy} from {@code channel.header}, say) is refused.
 *
 * <p>The masking runs first among the answer's hooks (before the HTML response highlighter renders it).
 */
@Component
@Interceptor
public class SubscriptionSecrets {

    private static final String MASKED = SubscriptionHeaders.MASK;

    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = InterceptorOrder.MASK_SECRETS)
    public boolean maskAnswers(ResponseDetails response) {
        IBaseResource answer = response.getResponseResource();
        IBaseResource shown = masked(answer);
        if (shown != answer) {
            response.setResponseResource(shown);
        }
        return true;
    }

    /**
     * The resource as it may be shown: a Subscription with headers is replaced by a masked copy (the
     * original may be the very object that was stored), a Bundle has its entries masked.
     */
    static IBaseResource masked(IBaseResource resource) {
        if (resource instanceof Subscription subscription
                && subscription.getChannel().hasHeader()) {
            Subscription copy = subscription.copy();
            List<StringType> headers = copy.getChannel().getHeader();
            for (StringType header : headers) {
                header.setValue(SubscriptionHeaders.masked(header.getValue()));
            }
            return copy;
        }
        if (resource instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.hasResource()) {
                    IBaseResource shown = masked(entry.getResource());
                    if (shown != entry.getResource()) {
                        entry.setResource((org.hl7.fhir.r4.model.Resource) shown);
                    }
                }
            }
        }
        return resource;
    }

    /**
     * Puts the stored values back where an update sent a header masked ({@code "Name: ***"}); refuses a
     * masked header that names no stored header. {@code stored} is empty for a create.
     */
    static void restoreMasked(Subscription changed, Optional<Subscription> stored) {
        Map<String, List<String>> storedByName = new HashMap<>();
        stored.ifPresent(old -> old.getChannel()
                .getHeader()
                .forEach(header -> SubscriptionHeaders.parse(header.getValue())
                        .ifPresent(parsed -> storedByName
                                .computeIfAbsent(key(parsed.name()), name -> new ArrayList<>())
                                .add(header.getValue()))));
        for (StringType header : changed.getChannel().getHeader()) {
            Optional<SubscriptionHeaders.Header> parsed = SubscriptionHeaders.parse(header.getValue());
            if (parsed.isEmpty()
                    || !SubscriptionHeaders.MASK.equals(parsed.get().value())) {
                continue;
            }
            List<String> values = storedByName.getOrDefault(key(parsed.get().name()), List.of());
            if (values.isEmpty()) {
                throw Rejection.unprocessable(
                        RejectReason.SUBSCRIPTION_NOT_SUPPORTED,
                        "channel.header \"" + parsed.get().name()
                                + ": " + SubscriptionHeaders.MASK
                                + "\" is the masked value of a header this subscription does not have:"
                                + " send the header's real value (header values are never shown, so "
                                + SubscriptionHeaders.MASK
                                + " stands only for a value already stored)",
                        "Subscription.channel.header");
            }
            header.setValue(values.remove(0));
        }
    }

    /**
     * Whether a header (as stored before, or as written now, in full: {@code "Name: value"}) appears in
     * any other element of the Subscription, where it would be shown.
     */
    static boolean headersElsewhere(FhirContext fhirContext, Subscription subscription, Optional<Subscription> stored) {
        List<String> headers = new ArrayList<>();
        subscription.getChannel().getHeader().forEach(header -> headers.add(header.getValue()));
        stored.ifPresent(old -> old.getChannel().getHeader().forEach(header -> headers.add(header.getValue())));
        headers.removeIf(header -> header == null
                || SubscriptionHeaders.parse(header)
                        .map(parsed -> parsed.value().isEmpty() || MASKED.equals(parsed.value()))
                        .orElse(true));
        if (headers.isEmpty()) {
            return false;
        }
        Subscription rest = subscription.copy();
        rest.getChannel().getHeader().clear();
        return fhirContext.newTerser().getAllPopulatedChildElementsOfType(rest, IPrimitiveType.class).stream()
                .map(IPrimitiveType::getValueAsString)
                .anyMatch(text -> text != null && headers.stream().anyMatch(text::contains));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
