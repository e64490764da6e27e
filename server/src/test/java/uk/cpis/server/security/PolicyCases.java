package uk.cpis.server.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.contract.Operations;
import uk.cpis.server.security.PolicyCase.Target;
import uk.cpis.server.security.PolicyWorld.Seeded;
import uk.cpis.server.testsupport.NhsNumbers;

/**
 * Generates the policy conformance cases: every persona × resource type × interaction family, each
 * aimed at the caller's own record, at another party's record (with a twin aimed at an id or
 * identifier no record has, when the policy says the two must answer alike) and at an unknown id.
 *
 * <p>Bodies: a write to the caller's own record sends the record as stored (its markers stay, so the
 * suite keeps detecting leaks of it); a write to another party's record sends that record with its
 * markers replaced by attacker strings and, for a council, its council's references and ODS code
 * replaced by the caller's (the most plausible take-over); the twin sends the same body with the
 * record's references replaced by unknown ones.
 */
final class PolicyCases {

    static final String NHS = IdentifierSystems.NHS_NUMBER;
    static final String ODS = IdentifierSystems.ODS_CODE;
    static final Set<Integer> REFUSED = Set.of(403);
    static final String JSON_PATCH = "[{\"op\":\"add\",\"path\":\"/language\",\"value\":\"cy\"}]";
    static final String NO_SUCH_PAGE = "00000000-0000-0000-0000-000000000000";

    /** An operation the CapabilityStatement lists, on a type or ({@code type} null) on the server. */
    record ListedOperation(String type, String name) {}

    /**
     * What a case is aimed at: a seeded record, or (its twin) made-up values of the same shape.
     *
     * @param values placeholder values: {@code id}, {@code identifier} (system|value), {@code nhs},
     *        {@code token}, {@code tag} and the record's own search values
     * @param body the body a write sends, without an id
     */
    record Aim(Target target, Seeded record, Map<String, String> values, String body, String pairKey) {

        String id() {
            return values.get("id");
        }

        String value(String name) {
            return values.get(name);
        }

        /** The strings that differ between a foreign case and its twin, longest first. */
        List<String> normalise() {
            return values.values().stream()
                    .filter(value -> value != null && value.length() >= 3)
                    .sorted((a, b) -> b.length() - a.length())
                    .toList();
        }
    }

    private final PolicyWorld world;
    private final Map<String, String> storedJson;
    private final Map<String, Map<String, String>> recordValues;
    private final List<String> types;
    private final List<ListedOperation> listedOperations;
    private final AtomicLong unknown = new AtomicLong(9_100_000_000L);
    private final AtomicLong attacks = new AtomicLong();
    private final List<PolicyCase> cases = new ArrayList<>();

    /**
     * @param storedJson record key → its JSON as stored, without id and meta
     * @param recordValues record key → its placeholder values (id, identifier, nhs, search values…)
     * @param types the resource types to cover (the CapabilityStatement's and the CP-IS ones)
     */
    PolicyCases(
            PolicyWorld world,
            Map<String, String> storedJson,
            Map<String, Map<String, String>> recordValues,
            List<String> types,
            List<ListedOperation> listedOperations) {
        this.world = world;
        this.storedJson = storedJson;
        this.recordValues = recordValues;
        this.types = types;
        this.listedOperations = listedOperations;
    }

    /** Types whose conditional forms and bundle entries are exercised (the ones that carry identifiers or secrets). */
    static final Set<String> CONDITIONAL_TYPES =
            Set.of("Patient", "Flag", "Subscription", "Appointment", "Organization");

    static final Set<String> BUNDLE_TYPES = Set.of("Patient", "Flag", "Subscription", "Appointment");

    List<PolicyCase> generate() {
        for (String persona : PolicyWorld.PERSONAS) {
            for (String type : types) {
                boolean owned = PolicyWorld.OWNED_TYPES.contains(type);
                boolean cpis = owned || PolicyWorld.REGISTER_TYPES.contains(type) || type.equals("CareTeam");
                instanceInteractions(persona, type, owned ? 2 : cpis ? 1 : 0);
                typeInteractions(persona, type, cpis);
                if (owned || type.equals("Organization") || type.equals("CareTeam")) {
                    searches(persona, type);
                }
                if (CONDITIONAL_TYPES.contains(type)) {
                    conditionalInteractions(persona, type);
                }
                if (BUNDLE_TYPES.contains(type)) {
                    bundles(persona, type);
                }
            }
            operations(persona);
            systemInteractions(persona);
        }
        return cases;
    }

    // ---------------------------------------------------------------- aims

    /**
     * One of the caller's own records, one record of another party (with its twin where refusals must
     * look alike) and otherwise an unknown id. Which of several records is taken varies with the persona
     * and family, so that across the families every seeded record (both councils, active and
     * entered-in-error plans) is aimed at while the suite stays within its time.
     */
    private List<Aim> aims(String persona, String type, String family, boolean search) {
        List<Aim> aims = new ArrayList<>();
        List<Seeded> own = world.ofType(type).stream()
                .filter(record -> PolicyWorld.owns(persona, record))
                .toList();
        List<Seeded> foreign = world.ofType(type).stream()
                .filter(record -> !PolicyWorld.owns(persona, record))
                .toList();
        int choice = Math.floorMod((persona + "|" + family).hashCode(), 1 << 16);
        if (!own.isEmpty()) {
            Seeded record = own.get(choice % own.size());
            aims.add(new Aim(Target.OWN, record, recordValues.get(record.key()), storedJson.get(record.key()), null));
        }
        boolean twinned = false;
        if (!foreign.isEmpty()) {
            Seeded record = foreign.get(choice % foreign.size());
            String pairKey = persona + "|" + family + "|" + record.key();
            boolean paired = search ? !PolicyWorld.mayFind(persona, record) : !PolicyWorld.mayRead(persona, record);
            String body = disguise(persona, record);
            aims.add(new Aim(Target.FOREIGN, record, recordValues.get(record.key()), body, paired ? pairKey : null));
            if (paired) {
                // the same disguise with its own fresh NHS numbers and plan ids, so that a create does not collide with
                // the foreign case's
                aims.add(twin(record, disguise(persona, record), pairKey));
                twinned = true;
            }
        }
        if (!twinned) {
            String body = world.ofType(type).isEmpty()
                    ? "{\"resourceType\":\"" + type + "\",\"language\":\"cy\"}"
                    : disguise(persona, world.ofType(type).get(0));
            aims.add(new Aim(Target.UNKNOWN, null, unknownValues(type, Map.of()), body, null));
        }
        return aims;
    }

    private Aim twin(Seeded record, String body, String pairKey) {
        Map<String, String> like = recordValues.get(record.key());
        Map<String, String> values = unknownValues(record.type(), like);
        String twinBody = body;
        for (String reference : record.references()) {
            String made = reference.substring(0, reference.indexOf('/') + 1) + unknown.incrementAndGet();
            twinBody = twinBody.replace("\"" + reference + "\"", "\"" + made + "\"");
            like.forEach((name, value) -> {
                if (value.equals(reference)) {
                    values.put(name, made);
                }
            });
        }
        return new Aim(Target.UNKNOWN, null, values, twinBody, pairKey);
    }

    /** Values of the same shape as a record's that no record has. */
    private Map<String, String> unknownValues(String type, Map<String, String> like) {
        Map<String, String> values = new LinkedHashMap<>();
        String suffix = Long.toString(unknown.incrementAndGet());
        values.put("id", suffix);
        String nhs = NhsNumbers.next();
        values.put("nhs", nhs);
        values.put(
                "identifier",
                switch (type) {
                    case "Patient" -> NHS + "|" + nhs;
                    case "Organization" -> ODS + "|ZZ" + suffix.substring(suffix.length() - 3);
                    default ->
                        like.getOrDefault("identifier", "urn:cpis:conformance|none")
                                .replaceAll("\\|.*$", "|NONE" + suffix);
                });
        values.put(
                "token",
                like.getOrDefault("token", "status=active").replaceAll("=.*$", "=")
                        + switch (type) {
                            case "Patient" -> "unknown";
                            case "Flag" -> "inactive";
                            case "Subscription" -> "off";
                            case "Appointment" -> "proposed";
                            case "Organization", "Group" -> "none-" + suffix;
                            default -> "none";
                        });
        values.put("tag", ODS + "|ZZ" + suffix.substring(suffix.length() - 3));
        for (Map.Entry<String, String> entry : like.entrySet()) {
            values.putIfAbsent(
                    entry.getKey(),
                    entry.getKey().equals("endpoint") ? "http://127.0.0.1:9/NONE" + suffix : "MKNONE" + suffix);
        }
        return values;
    }

    /** Another party's record as an attacker would send it: no markers, and (for a council) its own council in place of the owner. */
    private String disguise(String persona, Seeded record) {
        String json = storedJson.get(record.key());
        int index = 0;
        for (PolicyWorld.Marker marker : world.markers()) {
            index++;
            String value = marker.value();
            json = json.replace(
                    value,
                    value.matches("\\d{10}")
                            ? NhsNumbers.next()
                            : "MKATTACK" + index + "X" + attacks.incrementAndGet());
        }
        String council = PolicyWorld.COUNCIL_OF.get(persona);
        if (council != null
                && PolicyWorld.COUNCIL_OF.containsValue(record.party())
                && !record.party().equals(council)) {
            json = json.replace(
                            world.councilOrganisations().get(record.party()),
                            world.councilOrganisations().get(council))
                    .replace(PolicyWorld.ODS_OF.get(record.party()), PolicyWorld.ODS_OF.get(council));
        }
        return json;
    }

    // ---------------------------------------------------------------- families

    /** Level 0: read, update, delete, history; 1: also vread and both PATCH forms; 2: also conditional headers and operations. */
    private void instanceInteractions(String persona, String type, int level) {
        String base = "/fhir/" + type + "/";
        Set<Integer> appointment = type.equals("Appointment") ? REFUSED : Set.of();
        for (Aim aim : aims(persona, type, "read", false)) {
            add(persona, "read", type, "GET", base + aim.id(), Map.of(), null, aim, appointment);
        }
        for (Aim aim : aims(persona, type, "update", false)) {
            add(
                    persona,
                    "update",
                    type,
                    "PUT",
                    base + aim.id(),
                    json(),
                    withId(aim.body(), type, aim.id()),
                    aim,
                    Set.of());
        }
        for (Aim aim : aims(persona, type, "delete", false)) {
            boolean neverDeleted = type.equals("Patient") || type.equals("Flag") || type.equals("AuditEvent");
            add(
                    persona,
                    "delete",
                    type,
                    "DELETE",
                    base + aim.id(),
                    Map.of(),
                    null,
                    aim,
                    neverDeleted ? REFUSED : Set.of());
        }
        for (Aim aim : aims(persona, type, "history-instance", false)) {
            add(persona, "history-instance", type, "GET", base + aim.id() + "/_history", Map.of(), null, aim, REFUSED);
        }
        if (level == 0) {
            return;
        }
        for (Aim aim : aims(persona, type, "vread", false)) {
            add(persona, "vread", type, "GET", base + aim.id() + "/_history/1", Map.of(), null, aim, appointment);
        }
        for (Aim aim : aims(persona, type, "json-patch", false)) {
            add(
                    persona,
                    "json-patch",
                    type,
                    "PATCH",
                    base + aim.id(),
                    Map.of("Content-Type", "application/json-patch+json"),
                    JSON_PATCH,
                    aim,
                    REFUSED);
        }
        for (Aim aim : aims(persona, type, "fhirpath-patch", false)) {
            add(persona, "fhirpath-patch", type, "PATCH", base + aim.id(), json(), fhirPathPatch(type), aim, REFUSED);
        }
        if (level == 1) {
            return;
        }
        for (Aim aim : aims(persona, type, "read-if-none-match", false)) {
            add(
                    persona,
                    "read-if-none-match",
                    type,
                    "GET",
                    base + aim.id(),
                    Map.of("If-None-Match", "W/\"1\""),
                    null,
                    aim,
                    REFUSED);
        }
        for (Aim aim : aims(persona, type, "read-if-modified-since", false)) {
            add(
                    persona,
                    "read-if-modified-since",
                    type,
                    "GET",
                    base + aim.id(),
                    Map.of("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"),
                    null,
                    aim,
                    REFUSED);
        }
        for (Aim aim : aims(persona, type, "read-if-match", false)) {
            add(
                    persona,
                    "read-if-match",
                    type,
                    "GET",
                    base + aim.id(),
                    Map.of("If-Match", "W/\"1\""),
                    null,
                    aim,
                    REFUSED);
        }
        for (Aim aim : aims(persona, type, "update-if-match", false)) {
            add(
                    persona,
                    "update-if-match",
                    type,
                    "PUT",
                    base + aim.id(),
                    json("If-Match", "W/\"1\""),
                    withId(aim.body(), type, aim.id()),
                    aim,
                    Set.of());
        }
        for (Aim aim : aims(persona, type, "update-if-none-match", false)) {
            add(
                    persona,
                    "update-if-none-match",
                    type,
                    "PUT",
                    base + aim.id(),
                    json("If-None-Match", "*"),
                    withId(aim.body(), type, aim.id()),
                    aim,
                    REFUSED);
        }
        for (Aim aim : aims(persona, type, "update-if-modified-since", false)) {
            add(
                    persona,
                    "update-if-modified-since",
                    type,
                    "PUT",
                    base + aim.id(),
                    json("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"),
                    withId(aim.body(), type, aim.id()),
                    aim,
                    REFUSED);
        }
        for (Aim aim : aims(persona, type, "op-meta", false)) {
            add(persona, "op-meta", type, "GET", base + aim.id() + "/$meta", Map.of(), null, aim, Set.of());
        }
        for (Aim aim : aims(persona, type, "op-meta-add", false)) {
            add(persona, "op-meta-add", type, "POST", base + aim.id() + "/$meta-add", json(), META_TAG, aim, Set.of());
        }
        for (Aim aim : aims(persona, type, "op-validate-instance", false)) {
            add(
                    persona,
                    "op-validate-instance",
                    type,
                    "POST",
                    base + aim.id() + "/$validate",
                    json(),
                    withId(aim.body(), type, aim.id()),
                    aim,
                    Set.of());
        }
        for (Aim aim : aims(persona, type, "op-expunge-instance", false)) {
            add(
                    persona,
                    "op-expunge-instance",
                    type,
                    "POST",
                    base + aim.id() + "/$expunge",
                    json(),
                    EXPUNGE,
                    aim,
                    Set.of());
        }
        for (String method : type.equals("Patient") ? List.of("GET", "POST") : List.<String>of()) {
            for (Aim aim : aims(persona, type, "op-everything-instance-" + method, false)) {
                add(
                        persona,
                        "op-everything-instance-" + method,
                        type,
                        method,
                        base + aim.id() + "/$everything",
                        method.equals("POST") ? json() : Map.of(),
                        method.equals("POST") ? EMPTY_PARAMETERS : null,
                        aim,
                        Set.of());
            }
        }
        for (ListedOperation operation : listedOperations) {
            if (type.equals(operation.type())
                    && !Set.of("$meta", "$meta-add", Operations.VALIDATE, "$expunge", "$everything")
                            .contains(operation.name())) {
                for (String method : List.of("GET", "POST")) {
                    String family = "op-listed-instance-" + operation.name() + "-" + method;
                    for (Aim aim : aims(persona, type, family, false)) {
                        add(
                                persona,
                                family,
                                type,
                                method,
                                base + aim.id() + "/" + operation.name(),
                                method.equals("POST") ? json() : Map.of(),
                                method.equals("POST") ? EMPTY_PARAMETERS : null,
                                aim,
                                Set.of());
                    }
                }
            }
        }
    }

    private void typeInteractions(String persona, String type, boolean full) {
        String base = "/fhir/" + type;
        Aim none = new Aim(Target.NONE, null, Map.of(), null, null);
        add(
                persona,
                "search",
                type,
                "GET",
                base,
                Map.of(),
                null,
                none,
                type.equals("Appointment") ? REFUSED : Set.of());
        add(persona, "history-type", type, "GET", base + "/_history", Map.of(), null, none, REFUSED);
        for (Aim aim : aims(persona, type, "create", false)) {
            add(persona, "create", type, "POST", base, json(), aim.body(), aim, Set.of());
        }
        if (!full) {
            return;
        }
        for (Aim aim : aims(persona, type, "op-validate-type", false)) {
            add(persona, "op-validate-type", type, "POST", base + "/$validate", json(), aim.body(), aim, Set.of());
        }
        add(persona, "op-meta-type", type, "GET", base + "/$meta", Map.of(), null, none, Set.of());
        add(persona, "op-expunge-type", type, "POST", base + "/$expunge", json(), EXPUNGE, none, Set.of());
        if (type.equals("Patient")) {
            add(persona, "op-everything-type", type, "GET", base + "/$everything", Map.of(), null, none, Set.of());
        }
        for (ListedOperation operation : listedOperations) {
            if (type.equals(operation.type())) {
                for (String method : List.of("GET", "POST")) {
                    add(
                            persona,
                            "op-listed-type-" + operation.name() + "-" + method,
                            type,
                            method,
                            base + "/" + operation.name(),
                            method.equals("POST") ? json() : Map.of(),
                            method.equals("POST") ? EMPTY_PARAMETERS : null,
                            none,
                            Set.of());
                }
            }
        }
    }

    /** Searches naming the record's markers, and the search forms nobody may use. */
    private void searches(String persona, String type) {
        String base = "/fhir/" + type;
        // a clinician's count or total over patient data is a look-up nobody recorded; over the register it is not
        boolean countRefused = type.equals("Appointment")
                || (PolicyWorld.isClinician(persona) && PolicyWorld.OWNED_TYPES.contains(type)
                        || type.equals("CareTeam") && PolicyWorld.isClinician(persona));
        Set<Integer> appointment = type.equals("Appointment") ? REFUSED : Set.of();
        for (Aim aim : aims(persona, type, "search-marker", true)) {
            List<String> queries = aim.target() == Target.FOREIGN || aim.pairKey() != null
                    ? searchQueries(type)
                    : searchQueries(type).subList(0, 1);
            for (String query : queries) {
                add(
                        persona,
                        "search-marker " + query,
                        type,
                        "GET",
                        base + "?" + fill(query, aim),
                        Map.of(),
                        null,
                        pairedAs(aim, query),
                        appointment);
            }
            String first = fill(searchQueries(type).get(0), aim);
            add(
                    persona,
                    "search-post",
                    type,
                    "POST",
                    base + "/_search",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    first,
                    pairedAs(aim, "post"),
                    appointment);
            add(
                    persona,
                    "search-summary-count",
                    type,
                    "GET",
                    base + "?" + first + "&_summary=count",
                    Map.of(),
                    null,
                    pairedAs(aim, "summary"),
                    countRefused ? REFUSED : Set.of());
            add(
                    persona,
                    "search-count-0",
                    type,
                    "GET",
                    base + "?" + first + "&_count=0",
                    Map.of(),
                    null,
                    pairedAs(aim, "count0"),
                    countRefused ? REFUSED : Set.of());
            add(
                    persona,
                    "search-total-accurate",
                    type,
                    "GET",
                    base + "?" + first + "&_total=accurate",
                    Map.of(),
                    null,
                    pairedAs(aim, "total"),
                    countRefused ? REFUSED : Set.of());
            add(
                    persona,
                    "search-include-all",
                    type,
                    "GET",
                    base + "?" + first + "&_include=*",
                    Map.of(),
                    null,
                    pairedAs(aim, "include"),
                    REFUSED);
            add(
                    persona,
                    "search-revinclude",
                    type,
                    "GET",
                    base + "?" + first + "&_revinclude=*",
                    Map.of(),
                    null,
                    pairedAs(aim, "revinclude"),
                    REFUSED);
            add(
                    persona,
                    "search-revinclude-flag",
                    type,
                    "GET",
                    base + "?" + first + "&_revinclude=Flag:subject",
                    Map.of(),
                    null,
                    pairedAs(aim, "revinclude-flag"),
                    REFUSED);
        }
        if (!type.equals("Patient") && !type.equals("Organization")) {
            return;
        }
        String link = type.equals("Organization") ? "author" : "subject";
        for (Aim aim : aims(persona, "Flag", "has-" + type, true)) {
            add(
                    persona,
                    "search-has",
                    type,
                    "GET",
                    base + "?_has:Flag:" + link + ":identifier=" + encode(aim.value("identifier")),
                    Map.of(),
                    null,
                    aim,
                    REFUSED);
        }
    }

    /** The record's markers as search parameters of its type. */
    private static List<String> searchQueries(String type) {
        return switch (type) {
            case "Patient" -> List.of("identifier={identifier}", "family={family}", "_id={id}");
            case "Flag" ->
                List.of(
                        "identifier={identifier}",
                        "patient:identifier=" + NHS + "|{nhs}",
                        "patient.identifier=" + NHS + "|{nhs}",
                        "_id={id}");
            case "Subscription" -> List.of("url={endpoint}", "_id={id}");
            case "AuditEvent" -> List.of("patient.identifier=" + NHS + "|{nhs}", "_id={id}");
            case "Appointment" -> List.of("_id={id}", "status=noshow", "actor:identifier=" + NHS + "|{nhs}");
            case "CareTeam" -> List.of("patient:identifier=" + NHS + "|{nhs}", "_id={id}");
            case "Organization" -> List.of("identifier={identifier}", "_id={id}");
            default -> List.of("_id={id}");
        };
    }

    /** Conditional create (If-None-Exist), update, patch and delete aimed at each record. */
    private void conditionalInteractions(String persona, String type) {
        String base = "/fhir/" + type;
        boolean noConditionalAtAll = type.equals("Subscription") || type.equals("Appointment");
        for (String kind : List.of("identifier", "_id", "_tag", "token")) {
            // each kind its own aims: a create of one kind must not collide with the record another kind created
            for (Aim aim : aims(persona, type, "create-if-none-exist " + kind, false)) {
                boolean refused = noConditionalAtAll || !kind.equals("identifier");
                add(
                        persona,
                        "create-if-none-exist " + kind,
                        type,
                        "POST",
                        base,
                        json("If-None-Exist", condition(aim, kind)),
                        conditionalBody(aim, type),
                        aim,
                        refused ? REFUSED : Set.of());
            }
        }
        for (Aim aim : aims(persona, type, "conditional-update", false)) {
            add(
                    persona,
                    "conditional-update",
                    type,
                    "PUT",
                    base + "?" + condition(aim, "identifier"),
                    json(),
                    conditionalBody(aim, type),
                    aim,
                    noConditionalAtAll ? REFUSED : Set.of());
        }
        for (Aim aim : aims(persona, type, "conditional-update _id", false)) {
            add(
                    persona,
                    "conditional-update _id",
                    type,
                    "PUT",
                    base + "?" + condition(aim, "_id"),
                    json(),
                    conditionalBody(aim, type),
                    aim,
                    REFUSED);
        }
        for (Aim aim : aims(persona, type, "conditional-patch", false)) {
            add(
                    persona,
                    "conditional-patch",
                    type,
                    "PATCH",
                    base + "?" + condition(aim, "identifier"),
                    Map.of("Content-Type", "application/json-patch+json"),
                    JSON_PATCH,
                    aim,
                    REFUSED);
        }
        for (Aim aim : aims(persona, type, "conditional-fhirpath-patch", false)) {
            add(
                    persona,
                    "conditional-fhirpath-patch",
                    type,
                    "PATCH",
                    base + "?" + condition(aim, "identifier"),
                    json(),
                    fhirPathPatch(type),
                    aim,
                    REFUSED);
        }
        for (Aim aim : aims(persona, type, "conditional-delete", false)) {
            add(
                    persona,
                    "conditional-delete",
                    type,
                    "DELETE",
                    base + "?" + condition(aim, "identifier"),
                    Map.of(),
                    null,
                    aim,
                    REFUSED);
        }
    }

    /** The search that selects the aimed-at record by its identifier, id, ODS tag or a token. */
    private static String condition(Aim aim, String kind) {
        return switch (kind) {
            case "identifier" -> "identifier=" + encode(aim.value("identifier"));
            case "_id" -> "_id=" + aim.id();
            case "_tag" -> "_tag=" + encode(aim.values().getOrDefault("tag", ODS + "|00LC"));
            default -> aim.values().getOrDefault("token", "status=active");
        };
    }

    /**
     * A conditional write of a child carries the NHS number its condition names: a council uploading its own
     * record of a child another council also holds (which must create the caller's own Patient).
     */
    private static String conditionalBody(Aim aim, String type) {
        if (!type.equals("Patient") || aim.target() == Target.OWN || aim.value("nhs") == null) {
            return aim.body();
        }
        return aim.body().replaceAll("\"value\":\"\\d{10}\"", "\"value\":\"" + aim.value("nhs") + "\"");
    }

    /** Each write interaction as the entry of a batch and of a transaction. */
    private void bundles(String persona, String type) {
        boolean neverDeleted = type.equals("Patient") || type.equals("Flag") || type.equals("AuditEvent");
        boolean noConditional = type.equals("Subscription") || type.equals("Appointment");
        // batch for every bundled type; transaction (all or nothing, the councils' upload form) for children and plans
        List<String> bundleTypes =
                type.equals("Patient") || type.equals("Flag") ? List.of("batch", "transaction") : List.of("batch");
        List<String> kinds = List.of(
                "create",
                "create-if-none-exist identifier",
                "create-if-none-exist _id",
                "create-if-none-exist _tag",
                "update",
                "conditional-update",
                "patch",
                "conditional-patch",
                "delete",
                "conditional-delete");
        for (String bundleType : bundleTypes) {
            for (String kind : kinds) {
                for (Aim aim : aims(persona, type, bundleType + " " + kind, false)) {
                    if (aim.target() == Target.OWN) {
                        continue; // a council's own uploads in bundles are the subject of the plans' tests
                    }
                    String body = conditionalBody(aim, type);
                    String entry = switch (kind) {
                        case "create" -> entry(aim.body(), "POST", type, null);
                        case "create-if-none-exist identifier" ->
                            entry(body, "POST", type, condition(aim, "identifier"));
                        case "create-if-none-exist _id" -> entry(body, "POST", type, condition(aim, "_id"));
                        case "create-if-none-exist _tag" -> entry(body, "POST", type, condition(aim, "_tag"));
                        case "update" -> entry(withId(aim.body(), type, aim.id()), "PUT", type + "/" + aim.id(), null);
                        case "conditional-update" ->
                            entry(body, "PUT", type + "?" + condition(aim, "identifier"), null);
                        case "patch" -> entry(patchBinary(), "PATCH", type + "/" + aim.id(), null);
                        case "conditional-patch" ->
                            entry(patchBinary(), "PATCH", type + "?" + condition(aim, "identifier"), null);
                        case "delete" -> entry(null, "DELETE", type + "/" + aim.id(), null);
                        default -> entry(null, "DELETE", type + "?" + condition(aim, "identifier"), null);
                    };
                    boolean refused = kind.contains("patch")
                            || kind.equals("conditional-delete")
                            || kind.contains("_id")
                            || kind.contains("_tag")
                            || (kind.equals("delete") && neverDeleted)
                            || (noConditional && kind.startsWith("conditional"))
                            || (noConditional && kind.contains("if-none"));
                    String bundle =
                            "{\"resourceType\":\"Bundle\",\"type\":\"" + bundleType + "\",\"entry\":[" + entry + "]}";
                    add(
                            persona,
                            bundleType + " " + kind,
                            type,
                            "POST",
                            "/fhir",
                            json(),
                            bundle,
                            aim,
                            refused ? REFUSED : Set.of());
                }
            }
        }
    }

    /** The CP-IS operations and the look-up's ways around its rules. */
    private void operations(String persona) {
        boolean clinician = PolicyWorld.isClinician(persona);
        for (Aim aim : aims(persona, "Patient", "cpis-lookup", true)) {
            String identifier = NHS + "|" + aim.value("nhs");
            add(
                    persona,
                    "$cpis-lookup GET",
                    "Patient",
                    "GET",
                    "/fhir/Patient/$cpis-lookup?identifier=" + encode(identifier),
                    Map.of(),
                    null,
                    pairedAs(aim, "lookup-get"),
                    Set.of());
            add(
                    persona,
                    "$cpis-lookup POST",
                    "Patient",
                    "POST",
                    "/fhir/Patient/$cpis-lookup",
                    json(),
                    parameters("identifier", "valueString", "\"" + identifier + "\""),
                    pairedAs(aim, "lookup-post"),
                    Set.of());
            add(
                    persona,
                    "$cpis-lookup POST url and body",
                    "Patient",
                    "POST",
                    "/fhir/Patient/$cpis-lookup?identifier=" + encode(NHS + "|" + NhsNumbers.next()),
                    json(),
                    parameters("identifier", "valueString", "\"" + identifier + "\""),
                    pairedAs(aim, "lookup-both"),
                    clinician ? Set.of(400) : REFUSED);
            add(
                    persona,
                    "$cpis-lookup POST valueIdentifier",
                    "Patient",
                    "POST",
                    "/fhir/Patient/$cpis-lookup",
                    json(),
                    parameters(
                            "identifier",
                            "valueIdentifier",
                            "{\"system\":\"" + NHS + "\",\"value\":\"" + aim.value("nhs") + "\"}"),
                    pairedAs(aim, "lookup-identifier"),
                    clinician ? Set.of(400) : REFUSED);
        }
        for (Aim aim : aims(persona, "Organization", "cpis-signatory", false)) {
            String identifier = aim.value("identifier");
            add(
                    persona,
                    "$cpis-signatory GET",
                    "Organization",
                    "GET",
                    "/fhir/Organization/$cpis-signatory?identifier=" + encode(identifier),
                    Map.of(),
                    null,
                    aim,
                    Set.of());
            add(
                    persona,
                    "$cpis-signatory POST",
                    "Organization",
                    "POST",
                    "/fhir/Organization/$cpis-signatory",
                    json(),
                    parameters("identifier", "valueString", "\"" + identifier + "\""),
                    aim,
                    Set.of());
        }
        Aim none = new Aim(Target.NONE, null, Map.of(), null, null);
        for (String council : List.of("00LC", "00MC", "ZZ999")) {
            add(
                    persona,
                    "$cpis-statistics GET",
                    "Organization",
                    "GET",
                    "/fhir/$cpis-statistics?start=2025-01-01&end=2025-12-31" + "&council=" + council,
                    Map.of(),
                    null,
                    none,
                    Set.of());
            add(
                    persona,
                    "$cpis-statistics POST",
                    "Organization",
                    "POST",
                    "/fhir/$cpis-statistics",
                    json(),
                    "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"start\",\"valueString\":\"2025-01-01\"},"
                            + "{\"name\":\"end\",\"valueString\":\"2025-12-31\"},{\"name\":\"council\",\"valueString\":\""
                            + council
                            + "\"}]}",
                    none,
                    Set.of());
        }
        for (ListedOperation operation : listedOperations) {
            if (operation.type() == null) {
                for (String method : List.of("GET", "POST")) {
                    add(
                            persona,
                            "op-listed-server-" + operation.name() + "-" + method,
                            "(server)",
                            method,
                            "/fhir/" + operation.name(),
                            method.equals("POST") ? json() : Map.of(),
                            method.equals("POST") ? EMPTY_PARAMETERS : null,
                            none,
                            Set.of());
                }
            }
        }
    }

    private void systemInteractions(String persona) {
        Aim none = new Aim(Target.NONE, null, Map.of(), null, null);
        add(persona, "history-system", "(server)", "GET", "/fhir/_history", Map.of(), null, none, REFUSED);
        add(persona, "op-meta-server", "(server)", "GET", "/fhir/$meta", Map.of(), null, none, Set.of());
        add(persona, "op-expunge-server", "(server)", "POST", "/fhir/$expunge", json(), EXPUNGE, none, Set.of());
        add(persona, "search-system", "(server)", "GET", "/fhir?_type=Patient,Flag", Map.of(), null, none, Set.of());
        add(
                persona,
                "paging-unknown",
                "(server)",
                "GET",
                "/fhir?_getpages=" + NO_SUCH_PAGE + "&_getpagesoffset=1&_count=1",
                Map.of(),
                null,
                none,
                Set.of(403, 404));
    }

    // ---------------------------------------------------------------- helpers

    /** Each case of a family varied by {@code variant} pairs with its twin of the same variant. */
    private static Aim pairedAs(Aim aim, String variant) {
        return aim.pairKey() == null
                ? aim
                : new Aim(aim.target(), aim.record(), aim.values(), aim.body(), aim.pairKey() + "|" + variant);
    }

    private void add(
            String persona,
            String family,
            String type,
            String method,
            String url,
            Map<String, String> headers,
            String body,
            Aim aim,
            Set<Integer> expected) {
        if (aim.target() == Target.OWN
                && aim.record().party().equals("register")
                && (family.contains("delete")
                        || family.contains("create")
                        || family.contains("conditional")
                        || family.startsWith("batch")
                        || family.startsWith("transaction"))) {
            return; // the register is shared by every test on this server: no duplicate councils or agreements, no
            // deletes
        }
        Set<Integer> statuses = expected;
        if (type.equals("CareTeam") && statuses.equals(REFUSED)) {
            statuses =
                    NOT_SERVED; // the CareTeam view answers searches only: HAPI has no PATCH, history or include for it
        }
        if (persona.equals("outsider") && family.startsWith(Operations.LOOKUP) && statuses.equals(REFUSED)) {
            statuses = Set.of(
                    400, 403); // a malformed look-up is 400 before the agreement is asked; it shows nothing either way
        }
        if (statuses.isEmpty() && NEVER_SERVED.stream().anyMatch(family::startsWith)) {
            statuses = NOT_SERVED;
        }
        if (statuses.isEmpty()
                && PolicyWorld.OWNED_TYPES.contains(type)
                && !family.startsWith("op-")
                && !family.startsWith("$")
                && (persona.equals("outsider") || persona.equals(PolicyWorld.NO_SCOPE))) {
            statuses = REFUSED; // no patient data for a caller outside the agreement or without a CP-IS scope
        }
        String pairKey = aim.pairKey() == null ? null : aim.pairKey() + "|" + family;
        if (type.equals("Patient")
                && PolicyWorld.isCouncil(persona)
                && (family.contains("if-none-exist identifier") || family.contains("conditional-update"))) {
            // a council holds its own record of any child (two councils, two Patients): once one case has created
            // the caller's own copy of the other council's child, later conditional writes match that copy. Held
            // instead to: no leak, no foreign change, and no answer locating another party's record.
            pairKey = null;
        }
        cases.add(new PolicyCase(
                persona,
                family,
                type,
                method,
                url,
                headers,
                body,
                aim.target(),
                aim.record(),
                pairKey,
                aim.normalise(),
                statuses));
    }

    private static String fill(String query, Aim aim) {
        String filled = query;
        for (String name : List.of("identifier", "nhs", "id", "family", "endpoint", "status")) {
            String value = aim.values().get(name);
            if (filled.contains("{" + name + "}")) {
                filled = filled.replace("{" + name + "}", value == null ? "none" : value);
            }
        }
        // encode values, keep names
        StringBuilder encoded = new StringBuilder();
        for (String pair : filled.split("&")) {
            int equals = pair.indexOf('=');
            encoded.append(encoded.isEmpty() ? "" : "&")
                    .append(pair, 0, equals + 1)
                    .append(encode(pair.substring(equals + 1)));
        }
        return encoded.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String withId(String body, String type, String id) {
        String start = "{\"resourceType\":\"" + type + "\"";
        if (!body.startsWith(start)) {
            return body;
        }
        return start + ",\"id\":\"" + id + "\"" + body.substring(start.length());
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/fhir+json");
    }

    private static Map<String, String> json(String header, String value) {
        Map<String, String> headers = new HashMap<>(json());
        headers.put(header, value);
        return headers;
    }

    private static String fhirPathPatch(String type) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"operation\",\"part\":["
                + "{\"name\":\"type\",\"valueCode\":\"add\"},{\"name\":\"path\",\"valueString\":\"" + type + "\"},"
                + "{\"name\":\"name\",\"valueString\":\"language\"},{\"name\":\"value\",\"valueCode\":\"cy\"}]}]}";
    }

    private static String parameters(String name, String valueType, String valueJson) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"" + name + "\",\"" + valueType + "\":"
                + valueJson + "}]}";
    }

    private static String patchBinary() {
        return "{\"resourceType\":\"Binary\",\"contentType\":\"application/json-patch+json\",\"data\":\""
                + Base64.getEncoder().encodeToString(JSON_PATCH.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    private static String entry(String resource, String method, String url, String ifNoneExist) {
        return "{\"fullUrl\":\"urn:uuid:" + java.util.UUID.randomUUID() + "\","
                + (resource == null ? "" : "\"resource\":" + resource + ",")
                + "\"request\":{\"method\":\"" + method + "\",\"url\":\"" + url + "\""
                + (ifNoneExist == null ? "" : ",\"ifNoneExist\":\"" + ifNoneExist + "\"") + "}}";
    }

    /** Operations nobody may use: $meta, $meta-add, $expunge, $everything are in no grant. */
    static final List<String> NEVER_SERVED = List.of("op-meta", "op-expunge", "op-everything");

    static final Set<Integer> NOT_SERVED = Set.of(400, 403, 404, 405);
    static final String EMPTY_PARAMETERS = "{\"resourceType\":\"Parameters\"}";
    static final String META_TAG = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"meta\",\"valueMeta\":"
            + "{\"tag\":[{\"system\":\"https://fhir.nhs.uk/Id/ods-organization-code\",\"code\":\"00MC\"}]}}]}";
    static final String EXPUNGE =
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"expungeDeletedResources\","
                    + "\"valueBoolean\":true},{\"name\":\"expungePreviousVersions\",\"valueBoolean\":true}]}";
}
