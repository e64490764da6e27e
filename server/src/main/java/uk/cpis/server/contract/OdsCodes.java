package uk.cpis.server.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Subscription;

/** Where CP-IS records carry an organisation's ODS code ({@link IdentifierSystems#ODS_CODE}). */
public final class OdsCodes {

    private OdsCodes() {}

    /** The organisation's ODS code (its first, if it has several). */
    public static Optional<String> of(Organization organisation) {
        return all(organisation).stream().findFirst();
    }

    /** Every ODS code the organisation carries, once each. */
    public static List<String> all(Organization organisation) {
        return organisation.getIdentifier().stream()
                .filter(identifier ->
                        IdentifierSystems.ODS_CODE.equals(identifier.getSystem()) && identifier.hasValue())
                .map(Identifier::getValue)
                .distinct()
                .toList();
    }

    /** Organisations by reference, with their ODS codes (those without one left out), in the same order. */
    public static Map<String, String> byReference(Map<String, Organization> organisations) {
        Map<String, String> codes = new LinkedHashMap<>();
        organisations.forEach(
                (reference, organisation) -> of(organisation).ifPresent(ods -> codes.put(reference, ods)));
        return codes;
    }

    /** The council a notification Subscription belongs to: the server tags it with the council's ODS code. */
    public static Optional<String> subscriberOf(Subscription subscription) {
        return subscription.getMeta().getTag().stream()
                .filter(tag -> IdentifierSystems.ODS_CODE.equals(tag.getSystem()) && tag.hasCode())
                .map(tag -> tag.getCode())
                .findFirst();
    }
}
