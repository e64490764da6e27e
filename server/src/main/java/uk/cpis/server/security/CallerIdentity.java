package uk.cpis.server.security;

import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The person or system behind a request, as CP-IS needs it for its rules and its access records:
 * who (user id, name), for which organisation (ODS code), in which role, with which RBAC
 * activities (B0107 unscheduled care, B0170 scheduled care) and care setting, and the token's scopes.
 */
public record CallerIdentity(
        String userId,
        String name,
        String odsCode,
        String roleCode,
        List<String> activityCodes,
        String careSetting,
        List<String> scopes) {

    /** Reads the caller from a validated token; {@code null} parts where the token has no such claim. */
    public static CallerIdentity from(Jwt jwt, SecurityProperties.ClaimNames names) {
        Map<String, Object> role = firstRole(jwt, names);
        return new CallerIdentity(
                jwt.getClaimAsString(names.userId()),
                jwt.getClaimAsString(names.name()),
                text(role, jwt, names.orgCode()),
                text(role, jwt, names.roleCode()),
                list(role, jwt, names.activityCodes()),
                text(role, jwt, names.careSetting()),
                scopes(jwt));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstRole(Jwt jwt, SecurityProperties.ClaimNames names) {
        Object roles = jwt.getClaims().get(names.roles());
        if (roles instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
            return (Map<String, Object>) first;
        }
        return Map.of();
    }

    /** A claim from the role entry, or else from the top level of the token. */
    private static String text(Map<String, Object> role, Jwt jwt, String claim) {
        Object value =
                role.containsKey(claim) ? role.get(claim) : jwt.getClaims().get(claim);
        return value == null ? null : value.toString();
    }

    private static List<String> list(Map<String, Object> role, Jwt jwt, String claim) {
        Object value =
                role.containsKey(claim) ? role.get(claim) : jwt.getClaims().get(claim);
        if (value instanceof List<?> values) {
            return values.stream().map(Object::toString).toList();
        }
        return value == null ? List.of() : List.of(value.toString().split("[ ,]+"));
    }

    private static List<String> scopes(Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        if (scope instanceof List<?> values) {
            return values.stream().map(Object::toString).toList();
        }
        return scope == null ? List.of() : List.of(scope.toString().split(" "));
    }
}
