package uk.cpis.server.security;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.cpis.server.contract.Operations;

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

    private static final List<String> ORGANIZATION_SEARCH = List.of(
            "_id",
            "identifier",
            "name",
            "type",
            "active",
            "partof",
            "partof.identifier",
            "address",
            "address-postalcode",
            "_tag",
            "_lastUpdated");
    private static final List<String> ORGANIZATION_INCLUDES = List.of("Organization:partof");

    private static final Map<CpisActor, Permissions> POLICY = declare();

    private AccessPolicy() {}

    public static Permissions of(CpisActor actor) {
        return POLICY.get(actor);
    }

    private static Map<CpisActor, Permissions> declare() {
        Map<CpisActor, Permissions> policy = new LinkedHashMap<>();
        Set<Interaction> owned = EnumSet.of(
                Interaction.READ,
                Interaction.SEARCH,
                Interaction.CREATE,
                Interaction.CONDITIONAL_CREATE,
                Interaction.UPDATE,
                Interaction.CONDITIONAL_UPDATE);

        policy.put(
                CpisActor.LOCAL_AUTHORITY_SYSTEM,
                new Permissions(
                        grants(
                                new Grant(
                                        "Patient",
                                        owned,
                                        List.of(
                                                "_id",
                                                "identifier",
                                                "name",
                                                "family",
                                                "given",
                                                "birthdate",
                                                "gender",
                                                "_lastUpdated"),
                                        List.of(),
                                        "a council uploads and keeps its own children (Patient.managingOrganization is the council)"),
                                new Grant(
                                        "Flag",
                                        owned,
                                        List.of(
                                                "_id",
                                                "identifier",
                                                "patient",
                                                "subject",
                                                "patient.identifier",
                                                "subject.identifier",
                                                "subject:Patient.identifier",
                                                "status",
                                                "category",
                                                "code",
                                                "date",
                                                "delete-date",
                                                "author",
                                                "_lastUpdated"),
                                        List.of("Flag:subject", "Flag:patient", "Flag:author"),
                                        "a council uploads, changes and ends its own plans (Flag.author is the council)"),
                                new Grant(
                                        "Organization",
                                        EnumSet.of(Interaction.READ, Interaction.SEARCH),
                                        ORGANIZATION_SEARCH,
                                        ORGANIZATION_INCLUDES,
                                        "a council names itself as the author of its plans"),
                                new Grant(
                                        "AuditEvent",
                                        EnumSet.of(Interaction.READ, Interaction.SEARCH),
                                        List.of(
                                                "_id",
                                                "patient",
                                                "patient.identifier",
                                                "date",
                                                "access-type",
                                                "access-type:not",
                                                "responsible-la",
                                                "responsible-la:identifier",
                                                "responsible-la.identifier",
                                                "entity-role",
                                                "_tag",
                                                "_lastUpdated"),
                                        List.of("AuditEvent:patient"),
                                        "a council reads its notifications: the unscheduled accesses to its records"),
                                new Grant(
                                        "Subscription",
                                        EnumSet.of(
                                                Interaction.READ,
                                                Interaction.SEARCH,
                                                Interaction.CREATE,
                                                Interaction.UPDATE,
                                                Interaction.DELETE),
                                        List.of("_id", "status", "type", "url", "criteria", "_lastUpdated"),
                                        List.of(),
                                        "a council subscribes to its own notifications")),
                        List.of(
                                new OperationGrant(
                                        Operations.VALIDATE, "Patient", List.of("resource", "mode", "profile")),
                                new OperationGrant(Operations.VALIDATE, "Flag", List.of("resource", "mode", "profile")),
                                new OperationGrant(Operations.SIGNATORY, "Organization", List.of("identifier"))),
                        true,
                        RESULT_PARAMETERS));

        policy.put(
                CpisActor.CLINICIAN,
                new Permissions(
                        grants(
                                new Grant(
                                        "Patient",
                                        EnumSet.of(Interaction.SEARCH),
                                        List.of("identifier"),
                                        List.of(),
                                        "a clinician looks up one child at a time by NHS number"),
                                new Grant(
                                        "Flag",
                                        EnumSet.of(Interaction.SEARCH),
                                        List.of(
                                                "patient.identifier",
                                                "subject.identifier",
                                                "subject:Patient.identifier",
                                                "status",
                                                "category",
                                                "code",
                                                "date"),
                                        List.of("Flag:author", "Flag:subject", "Flag:patient"),
                                        "a clinician looks up a child's plans by NHS number"),
                                new Grant(
                                        "AuditEvent",
                                        EnumSet.of(Interaction.SEARCH),
                                        List.of("patient.identifier", "date", "access-type"),
                                        List.of("AuditEvent:patient"),
                                        "a clinician reads a child's access history by NHS number"),
                                new Grant(
                                        "CareTeam",
                                        EnumSet.of(Interaction.SEARCH),
                                        List.of("patient.identifier", "status"),
                                        List.of(),
                                        "a clinician looks a child up as the national CP-IS API does (a CareTeam per plan)"),
                                new Grant(
                                        "Organization",
                                        EnumSet.of(Interaction.READ, Interaction.SEARCH),
                                        ORGANIZATION_SEARCH,
                                        ORGANIZATION_INCLUDES,
                                        "a clinician finds who to call at the responsible council"),
                                new Grant(
                                        "Appointment",
                                        EnumSet.of(Interaction.CREATE),
                                        List.of(),
                                        List.of(),
                                        "a health organisation records that a flagged child missed an appointment (never read back)")),
                        List.of(
                                new OperationGrant(Operations.LOOKUP, "Patient", List.of("identifier")),
                                new OperationGrant(Operations.SIGNATORY, "Organization", List.of("identifier"))),
                        false,
                        LOOK_UP_RESULT_PARAMETERS));

        Set<Interaction> register = EnumSet.of(
                Interaction.READ,
                Interaction.SEARCH,
                Interaction.CREATE,
                Interaction.CONDITIONAL_CREATE,
                Interaction.UPDATE,
                Interaction.CONDITIONAL_UPDATE,
                Interaction.DELETE);
        String why = "a board administrator keeps the register of partners and boards (no patient data)";
        policy.put(
                CpisActor.BOARD_ADMINISTRATOR,
                new Permissions(
                        grants(
                                new Grant("Organization", register, ORGANIZATION_SEARCH, ORGANIZATION_INCLUDES, why),
                                new Grant(
                                        "Group",
                                        register,
                                        List.of(
                                                "_id",
                                                "identifier",
                                                "code",
                                                "type",
                                                "member",
                                                "accountable-to",
                                                "accountable-to.identifier",
                                                "member:PractitionerRole.organization:Organization.identifier",
                                                "_lastUpdated"),
                                        List.of(
                                                "Group:member",
                                                "PractitionerRole:organization",
                                                "PractitionerRole:practitioner"),
                                        why),
                                new Grant(
                                        "PractitionerRole",
                                        register,
                                        List.of(
                                                "_id",
                                                "identifier",
                                                "organization",
                                                "organization.identifier",
                                                "practitioner",
                                                "role",
                                                "board-role",
                                                "active",
                                                "_lastUpdated"),
                                        List.of("PractitionerRole:organization", "PractitionerRole:practitioner"),
                                        // which boards a seat sits on: register records only, never patient data
                                        List.of("Group:member"),
                                        why),
                                new Grant(
                                        "Practitioner",
                                        register,
                                        List.of("_id", "identifier", "name", "family", "given", "_lastUpdated"),
                                        List.of(),
                                        why)),
                        List.of(
                                new OperationGrant(
                                        Operations.VALIDATE, "Organization", List.of("resource", "mode", "profile")),
                                new OperationGrant(
                                        Operations.VALIDATE, "Group", List.of("resource", "mode", "profile")),
                                new OperationGrant(Operations.SIGNATORY, "Organization", List.of("identifier")),
                                new OperationGrant(Operations.STATISTICS, null, List.of("start", "end", "council"))),
                        true,
                        RESULT_PARAMETERS));

        policy.put(CpisActor.NONE, new Permissions(Map.of(), List.of(), false, List.of()));
        return policy;
    }

    private static Map<String, Grant> grants(Grant... grants) {
        Map<String, Grant> byType = new LinkedHashMap<>();
        for (Grant grant : grants) {
            byType.put(grant.type(), grant);
        }
        return byType;
    }

    /** The resource types some caller may use, for the CapabilityStatement. */
    public static Set<String> servedTypes() {
        Set<String> types = new java.util.TreeSet<>();
        POLICY.values().forEach(permissions -> types.addAll(permissions.grants().keySet()));
        return types;
    }

    /** The policy as the markdown table on the IG's security page. */
    public static String asMarkdownTable() {
        StringBuilder table = new StringBuilder();
        table.append(
                "| caller (scope) | resource type | interactions | search parameters | includes (reverse) | why |\n");
        table.append("|---|---|---|---|---|---|\n");
        for (Map.Entry<CpisActor, Permissions> entry : POLICY.entrySet()) {
            if (entry.getKey() == CpisActor.NONE) {
                continue;
            }
            String caller = entry.getKey().label() + " (`" + entry.getKey().scope() + "`)";
            for (Grant grant : entry.getValue().grants().values()) {
                table.append("| ")
                        .append(caller)
                        .append(" | ")
                        .append(grant.type())
                        .append(" | ")
                        .append(String.join(
                                ", ",
                                grant.interactions().stream()
                                        .map(Interaction::label)
                                        .toList()))
                        .append(" | ")
                        .append(code(grant.searchParameters()))
                        .append(" | ")
                        .append(code(grant.includes()))
                        .append(grant.revIncludes().isEmpty() ? "" : " (" + code(grant.revIncludes()) + ")")
                        .append(" | ")
                        .append(grant.why())
                        .append(" |\n");
            }
            for (OperationGrant operation : entry.getValue().operations()) {
                table.append("| ")
                        .append(caller)
                        .append(" | ")
                        .append(operation.type() == null ? "(server)" : operation.type())
                        .append(" | operation `")
                        .append(operation.name())
                        .append("` (GET or POST) | ")
                        .append(code(operation.parameters()))
                        .append(" |  | |\n");
            }
            if (entry.getValue().bundles()) {
                table.append("| ")
                        .append(caller)
                        .append(" | Bundle | transaction, batch (each entry as the same request alone;"
                                + " no reads) |  |  | |\n");
            }
            table.append("| ")
                    .append(caller)
                    .append(" | (every search) | result parameters | ")
                    .append(code(entry.getValue().resultParameters()))
                    .append(" |  | |\n");
        }
        return table.toString();
    }

    private static String code(List<String> names) {
        return names.isEmpty()
                ? ""
                : String.join(", ", names.stream().map(name -> "`" + name + "`").toList());
    }
}
