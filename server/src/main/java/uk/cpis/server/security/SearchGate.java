package uk.cpis.server.security;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.util.Map;
import uk.cpis.server.contract.ServedTypes;
import uk.cpis.server.security.AccessPolicy.Grant;
import uk.cpis.server.security.AccessPolicy.Interaction;
import uk.cpis.server.security.AccessPolicy.Permissions;

/**
 * A search against its {@link Grant}: each parameter by its exact name, modifier and chain, each
 * include and reverse include, and the result parameters; no {@code _has}; and no count of a child's
 * records for a clinician, which would say whether a child has a plan without recording the look-up.
 */
final class SearchGate {

    private SearchGate() {}

    /**
     * Some clients (e.g. @medplum/core) send several includes as one comma-separated value; HAPI reads
     * one include per value, so they are split before anything checks or runs them.
     */
    static Map<String, String[]> oneIncludePerValue(Map<String, String[]> parameters) {
        Map<String, String[]> split = new java.util.LinkedHashMap<>(parameters);
        for (String name : java.util.List.of("_include", "_include:iterate", "_revinclude")) {
            String[] values = split.get(name);
            if (values != null) {
                split.put(
                        name,
                        java.util.Arrays.stream(values)
                                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                                .map(String::strip)
                                .filter(value -> !value.isEmpty())
                                .toArray(String[]::new));
            }
        }
        return split;
    }

    static void check(CpisActor actor, Permissions permissions, String type, Map<String, String[]> parameters) {
        Grant grant =
                RequestGate.requireGrant(permissions, type, Interaction.SEARCH, RestOperationTypeEnum.SEARCH_TYPE);
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            // patient:identifier reaches HAPI as patient.identifier (IdentifierModifierSearches); both are one question
            String asChain = name.endsWith(":identifier")
                    ? name.substring(0, name.length() - ":identifier".length()) + ".identifier"
                    : name;
            if ((name.equals("_include") || name.equals("_include:iterate"))
                    && permissions.resultParameters().contains(name)) {
                for (String include : parameter.getValue()) {
                    if (!grant.includes().contains(include)) {
                        throw RequestGate.refused(
                                "_include=" + include + " is not allowed on " + type + " for a " + actor.label()
                                        + (grant.includes().isEmpty()
                                                ? ""
                                                : "; allowed: " + String.join(", ", grant.includes())));
                    }
                }
            } else if (name.equals("_revinclude") && !grant.revIncludes().isEmpty()) {
                for (String include : parameter.getValue()) {
                    if (!grant.revIncludes().contains(include)) {
                        throw RequestGate.refused("_revinclude=" + include + " is not allowed on " + type
                                + "; allowed: " + String.join(", ", grant.revIncludes()));
                    }
                }
            } else if (name.startsWith("_has") || name.startsWith("_revinclude")) {
                throw RequestGate.refused("'" + name + "' is not allowed: it would join other parties' records");
            } else if (permissions.resultParameters().contains(name)) {
                if (actor == CpisActor.CLINICIAN && ServedTypes.PATIENT_DATA.contains(type)) {
                    refuseCounts(name, parameter.getValue());
                }
            } else if (!grant.searchParameters().contains(name)
                    && !grant.searchParameters().contains(asChain)) {
                throw RequestGate.refused("The search parameter '" + name + "' is not allowed on " + type + " for a "
                        + actor.label() + "; allowed: " + String.join(", ", grant.searchParameters()));
            }
        }
    }

    /** A clinician's total or count would say whether a child has a plan without being recorded as the look-up. */
    private static void refuseCounts(String name, String[] values) {
        for (String value : values) {
            if ((name.equals("_summary") && value.equals("count")) || (name.equals("_count") && value.equals("0"))) {
                throw RequestGate.refused(
                        name + "=" + value + " is not allowed in a look-up: ask for the records, and the look-up is"
                                + " recorded; " + LookUpQueries.HOW_TO_LOOK_UP);
            }
        }
    }
}
