package uk.cpis.server.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The conditional forms of a write (create with {@code If-None-Exist}, update by {@code PUT Type?...}):
 * what their URL may say, and the owner it must also name for a council.
 */
@Component
class ConditionalWrites {

    /** The search parameter naming the council that owns a record of each type a council writes conditionally. */
    private static final Map<String, String> OWNER_PARAMETERS = Map.of("Patient", "organization", "Flag", "author");

    private final CurrentCaller currentCaller;
    private final CallerOrganisation callerOrganisation;

    ConditionalWrites(CurrentCaller currentCaller, CallerOrganisation callerOrganisation) {
        this.currentCaller = currentCaller;
        this.callerOrganisation = callerOrganisation;
    }

    /**
     * A council's conditional URL on a child or a plan names the council too ({@code &organization=} or
     * {@code &author=Organization/<id>}), added here after the caller's URL was checked. HAPI resolves the
     * conditional URLs of a transaction in one prefetch that no interceptor sees, so the URL itself must say
     * whose records it may match. The match then finds only the council's own record of
     * the child (as {@link RecordVisibility} also ensures), and HAPI's guard against two conditional creates
     * of one URL (a unique row per match URL) tells two councils' records of one child apart instead of
     * refusing the second council with a conflict that names the first's match.
     */
    Optional<String> ownChildrenOnly(String type, String conditionalUrl) {
        String owner = OWNER_PARAMETERS.get(type);
        if (owner == null || conditionalUrl == null || currentCaller.actor() != CpisActor.LOCAL_AUTHORITY_SYSTEM) {
            return Optional.empty();
        }
        String council = callerOrganisation
                .reference()
                .orElseThrow(() -> RequestGate.refused("Your organisation is not in the CP-IS register"));
        return Optional.of(conditionalUrl + "&" + owner + "=" + council);
    }

    /** {@code identifier=<system>|<value>}, one value: nothing else may select the record to match. */
    static void checkConditionalUrl(String where, String url) {
        String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : url;
        Map<String, String[]> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.merge(name, new String[] {value}, (first, second) -> new String[] {first[0], second[0]});
        }
        checkConditionalParameters(where, parameters);
    }

    static void checkConditionalParameters(String where, Map<String, String[]> parameters) {
        Map<String, String[]> selecting = new LinkedHashMap<>(parameters);
        AccessPolicy.FORMAT_PARAMETERS.forEach(selecting::remove);
        String[] values = selecting.get(AccessPolicy.CONDITIONAL_PARAMETER);
        if (selecting.size() != 1
                || values == null
                || values.length != 1
                || values[0].isBlank()
                || values[0].contains(",")) {
            throw RequestGate.refused(where + " may name only " + AccessPolicy.CONDITIONAL_PARAMETER
                    + "=<system>|<value> (one value), not " + String.join(", ", selecting.keySet()));
        }
    }
}
