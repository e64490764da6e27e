package uk.cpis.server.security;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.cpis.server.contract.Operations;
import uk.cpis.server.security.AccessPolicy.Grant;
import uk.cpis.server.security.AccessPolicy.Interaction;
import uk.cpis.server.security.AccessPolicy.OperationGrant;
import uk.cpis.server.security.AccessPolicy.Permissions;

/**
 * The {@link AccessPolicy}'s declaration: for each kind of caller, the grants per resource type (with
 * the reason each exists), the operations, whether bundles are allowed, and the result parameters.
 * Nothing is allowed that is not written here.
 */
final class PolicyDeclaration {

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

    private PolicyDeclaration() {}

    static Map<CpisActor, Permissions> declare() {
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
                        AccessPolicy.RESULT_PARAMETERS));

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
                        AccessPolicy.LOOK_UP_RESULT_PARAMETERS));

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
                        AccessPolicy.RESULT_PARAMETERS));

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
}
