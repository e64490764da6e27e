package uk.cpis.server.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One request of the policy conformance suite: who sends what, against which record.
 *
 * @param persona the demo persona whose token is sent
 * @param family the interaction family that generated the case (e.g. {@code read}, {@code json-patch})
 * @param type the resource type the case is about
 * @param method HTTP method
 * @param url path and query below the server root, e.g. {@code /fhir/Patient/12}
 * @param headers extra request headers (the token is added when the case is sent)
 * @param body request body, or null
 * @param target whose record the case is aimed at
 * @param record the seeded record aimed at (null for an unknown id or a type-level case)
 * @param pairKey a foreign-record case and its unknown-id twin share this key
 * @param normalise strings of the targeted record (ids, identifiers) replaced by {@code {target}} before
 *        answers are compared
 * @param expectedStatuses statuses decided by the policy for this case whatever the record (empty: not
 *        decided here; the properties still hold)
 */
record PolicyCase(
        String persona,
        String family,
        String type,
        String method,
        String url,
        Map<String, String> headers,
        String body,
        Target target,
        PolicyWorld.Seeded record,
        String pairKey,
        List<String> normalise,
        Set<Integer> expectedStatuses) {

    /** Whose record a case is aimed at. */
    enum Target {
        /** one of the caller's own records */
        OWN,
        /** a record of another party */
        FOREIGN,
        /** an id or identifier that no record has */
        UNKNOWN,
        /** no record: a type-level or server-level request */
        NONE
    }

    PolicyCase {
        headers = Map.copyOf(new LinkedHashMap<>(headers));
        normalise = List.copyOf(normalise);
        expectedStatuses = Set.copyOf(expectedStatuses);
    }

    /** Anything but GET or HEAD may change what is stored. */
    boolean mayWrite() {
        return !method.equals("GET") && !method.equals("HEAD");
    }

    PolicyCase expecting(Set<Integer> statuses) {
        return new PolicyCase(
                persona, family, type, method, url, headers, body, target, record, pairKey, normalise, statuses);
    }

    /** How a failure names the request: persona, method, URL, headers and the record aimed at. */
    String describe() {
        String headerText = headers.isEmpty()
                ? ""
                : " "
                        + headers.entrySet().stream()
                                .map(header -> header.getKey() + ": " + header.getValue())
                                .collect(Collectors.joining("; ", "[", "]"));
        String bodyText = body == null ? "" : " body " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        return persona + " " + method + " " + url + headerText + " (" + family + ", " + target
                + (record == null ? "" : " " + record.key()) + ")" + bodyText;
    }
}
