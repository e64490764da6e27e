package uk.cpis.server.notifications;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.cpis.server.contract.IdentifierSystems;

/**
 * The criteria of a CP-IS notification Subscription: {@code AuditEvent?responsible-la=...} naming the
 * subscribing council, optionally narrowed by further AuditEvent search parameters that HAPI can
 * evaluate in memory (e.g. {@code _tag=https://fhir.cpis.uk/CodeSystem/cpis-notification-tag|repeat-attendance}).
 *
 * <p>The council may be named as {@code responsible-la=<ODS code>}, {@code responsible-la=Organization/<id>},
 * or {@code responsible-la:identifier=https://fhir.nhs.uk/Id/ods-organization-code|<ODS code>}
 * (also written {@code responsible-la.identifier=...}).
 */
record SubscriptionCriteria(List<String> councilNames, String narrowing) {

    static final String PREFIX = "AuditEvent?";
    private static final List<String> COUNCIL_PARAMETERS =
            List.of("responsible-la", "responsible-la:identifier", "responsible-la.identifier");

    /** Empty when the criteria are not on AuditEvent or do not name a council. */
    static Optional<SubscriptionCriteria> parse(String criteria) {
        if (criteria == null || !criteria.trim().startsWith(PREFIX)) {
            return Optional.empty();
        }
        List<String> councils = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String parameter : criteria.trim().substring(PREFIX.length()).split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = decode(equals < 0 ? parameter : parameter.substring(0, equals));
            if (COUNCIL_PARAMETERS.contains(name)) {
                String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
                for (String alternative : value.split(",")) {
                    councils.add(name.equals("responsible-la") ? alternative : identifierForm(alternative));
                }
            } else {
                others.add(parameter);
            }
        }
        if (councils.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SubscriptionCriteria(councils, String.join("&", others)));
    }

    /** Whether every council the criteria name is the one with this ODS code and Organization reference. */
    boolean namesOnly(String odsCode, String organisationReference) {
        return councilNames.stream()
                .allMatch(name ->
                        name.equals(odsCode) || name.equals(organisationReference) || name.equals("ods:" + odsCode));
    }

    /** The search the criteria add to "the council's own notifications", as an AuditEvent query, or empty. */
    Optional<String> narrowingQuery() {
        return narrowing.isBlank() ? Optional.empty() : Optional.of(PREFIX + narrowing);
    }

    private static String identifierForm(String value) {
        String prefix = IdentifierSystems.ODS_CODE + "|";
        return value.startsWith(prefix) ? "ods:" + value.substring(prefix.length()) : "unknown:" + value;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
