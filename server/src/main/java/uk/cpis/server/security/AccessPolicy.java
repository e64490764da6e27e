package uk.cpis.server.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CP-IS access policy: everything the FHIR endpoint answers, per kind of caller, declared once.
 * A request is allowed only if a grant here allows it; anything else is 403 naming the rule. The
 * same declaration is enforced by {@link RequestGate} (interactions, search parameters with their
 * modifiers and chains, includes, conditional headers, operations, bundle entries), builds HAPI's
 * rule list ({@link CpisAccessRules}), trims the CapabilityStatement and renders the table on the
 * IG's security page ({@link #asMarkdownTable()}), so the four cannot drift apart.
 *
 * <p>What no grant allows, for anyone: PATCH in any form, history ({@code _history} of a record, a
 * type or the server), conditional delete, {@code _has}, {@code _revinclude} of patient data, searches across
 * types, reads inside bundles, {@code If-None-Match} and {@code If-Modified-Since}, and writing an
 * AuditEvent. A conditional create or update ({@code If-None-Exist}, {@code PUT Type?...}) may name
 * only {@code identifier} with one value, and matches only records the caller may read
 * ({@link RecordVisibility}).
 *
 * <p>Which records a caller may read within a grant is {@link RecordVisibility} (ownership) and
 * {@link LookUpQueries} (a clinician one child at a time by NHS number, a council's searches
 * narrowed to its own records).
 */
public final class AccessPolicy {

    /** The interactions a grant can allow (FHIR's names). */
    public enum Interaction {
        READ("read, vread"),
        SEARCH("search-type"),
        CREATE("create"),
        CONDITIONAL_CREATE("create with If-None-Exist: identifier=…"),
        UPDATE("update"),
        CONDITIONAL_UPDATE("update by PUT Type?identifier=…"),
        DELETE("delete");

        private final String label;

        Interaction(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** An operation a caller may invoke, at type level ({@code type} set) or server level, with its parameters. */
    public record OperationGrant(String name, String type, List<String> parameters) {}

    /** What one kind of caller may do with one resource type, and why. */
    public record Grant(
            String type,
            Set<Interaction> interactions,
            List<String> searchParameters,
            List<String> includes,
            List<String> revIncludes,
            String why) {

        Grant(
                String type,
                Set<Interaction> interactions,
                List<String> searchParameters,
                List<String> includes,
                String why) {
            this(type, interactions, searchParameters, includes, List.of(), why);
        }

        public boolean allows(Interaction interaction) {
            return interactions.contains(interaction);
        }
    }

    /** Everything one kind of caller may do. */
    public record Permissions(
            Map<String, Grant> grants,
            List<OperationGrant> operations,
            boolean bundles,
            List<String> resultParameters) {

        public Optional<Grant> grant(String type) {
            return Optional.ofNullable(grants.get(type));
        }

        public Optional<OperationGrant> operation(String name, String type) {
            return operations.stream()
                    .filter(operation -> operation.name().equals(name)
                            && (operation.type() == null
                                    ? type == null
                                    : operation.type().equals(type)))
                    .findFirst();
        }
    }

    /** Parameters that shape any answer without selecting records, allowed wherever a search is. */
    static final List<String> RESULT_PARAMETERS = List.of(
            "_count", "_sort", "_include", "_include:iterate", "_elements", "_summary", "_total", "_format", "_pretty");
    /** A clinician's look-up: no totals, counts or stored searches (a count would be a look-up nobody recorded). */
    static final List<String> LOOK_UP_RESULT_PARAMETERS =
            List.of("_count", "_sort", "_include", "_elements", "_summary", "_format", "_pretty");
    /** Parameters any request may carry: how the answer is written. */
    static final Set<String> FORMAT_PARAMETERS = Set.of("_format", "_pretty");
    /** A paging link's own parameters. */
    static final Set<String> PAGE_PARAMETERS =
            Set.of("_getpages", "_getpagesoffset", "_count", "_bundletype", "_format", "_pretty", "_offset");
    /** The only parameter of a conditional create or update. */
    public static final String CONDITIONAL_PARAMETER = "identifier";

    private static final Map<CpisActor, Permissions> POLICY = PolicyDeclaration.declare();

    private AccessPolicy() {}

    public static Permissions of(CpisActor actor) {
        return POLICY.get(actor);
    }

    /** The policy as the markdown table on the IG's security page ({@link PolicyTable}). */
    public static String asMarkdownTable() {
        return PolicyTable.render(POLICY);
    }

    /** The resource types some caller may use, for the CapabilityStatement. */
    public static Set<String> servedTypes() {
        Set<String> types = new java.util.TreeSet<>();
        POLICY.values().forEach(permissions -> types.addAll(permissions.grants().keySet()));
        return types;
    }
}
