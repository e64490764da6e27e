package uk.cpis.server.security;

import java.util.List;
import java.util.Map;
import uk.cpis.server.security.AccessPolicy.Grant;
import uk.cpis.server.security.AccessPolicy.Interaction;
import uk.cpis.server.security.AccessPolicy.OperationGrant;
import uk.cpis.server.security.AccessPolicy.Permissions;

/** The access policy as the markdown table on the IG's security page (checked by {@code AccessPolicyTest}). */
final class PolicyTable {

    private PolicyTable() {}

    static String render(Map<CpisActor, Permissions> policy) {
        StringBuilder table = new StringBuilder();
        table.append(
                "| caller (scope) | resource type | interactions | search parameters | includes (reverse) | why |\n");
        table.append("|---|---|---|---|---|---|\n");
        for (Map.Entry<CpisActor, Permissions> entry : policy.entrySet()) {
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
