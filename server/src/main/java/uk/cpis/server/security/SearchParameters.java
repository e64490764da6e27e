package uk.cpis.server.security;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.List;
import java.util.Map;
import uk.cpis.server.contract.IdentifierSystems;

/** How {@link LookUpQueries} adds the server's own parameters to a caller's search. */
final class SearchParameters {

    private SearchParameters() {}

    /**
     * A council may name itself in {@code responsible-la} (by ODS code, {@code Organization/<id>} or
     * {@code responsible-la:identifier=<ODS system>|<ODS code>}), which the narrowing above makes
     * redundant; naming another council is refused rather than answered with nothing.
     */
    static void onlyOwnNotifications(Map<String, String[]> parameters, String council, String odsCode) {
        for (String name : List.of("responsible-la", "responsible-la.identifier", "responsible-la:identifier")) {
            String[] values = parameters.remove(name);
            if (values == null) {
                continue;
            }
            for (String value : values) {
                for (String alternative : value.split(",")) {
                    boolean own = name.equals("responsible-la")
                            ? alternative.equals(council) || alternative.equals(odsCode)
                            : alternative.equals(IdentifierSystems.ODS_CODE + "|" + odsCode);
                    if (!own) {
                        throw new ForbiddenOperationException(
                                "A council sees only its own notifications: responsible-la must name your own"
                                        + " organisation (" + odsCode + ")");
                    }
                }
            }
        }
    }

    static void add(Map<String, String[]> parameters, String name, String value) {
        parameters.merge(name, new String[] {value}, SearchParameters::concat);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
    /** An access history reads newest first unless the caller asks for another order. */
    static void newestFirst(Map<String, String[]> parameters) {
        parameters.putIfAbsent("_sort", new String[] {"-date"});
    }
}
