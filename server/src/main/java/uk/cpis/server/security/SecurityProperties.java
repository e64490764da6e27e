package uk.cpis.server.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Who may call the FHIR endpoint ({@code cpis.security.*}): the identity provider whose tokens are
 * trusted, how its claims map to a CP-IS caller, and the demo personas (demo mode only).
 *
 * @param issuer the {@code iss} every token must carry (production: the identity provider's issuer)
 * @param jwkSetUri where the identity provider publishes its signing keys
 * @param claims the claim names of the caller's identity
 * @param demo the built-in token endpoint for demo personas
 */
@ConfigurationProperties(prefix = "cpis.security")
public record SecurityProperties(String issuer, String jwkSetUri, ClaimNames claims, Demo demo) {

    /**
     * Claim names, NHS CIS2 style by default: the organisation, role and activities of the caller
     * come from the first entry of {@code nhsid_nrbac_roles}.
     */
    public record ClaimNames(
            @DefaultValue("sub") String userId,
            @DefaultValue("name") String name,
            @DefaultValue("nhsid_nrbac_roles") String roles,
            @DefaultValue("org_code") String orgCode,
            @DefaultValue("role_code") String roleCode,
            @DefaultValue("activity_codes") String activityCodes,
            @DefaultValue("care_setting") String careSetting) {}

    /**
     * @param enabled serve {@code POST /oauth2/token} for the personas below; never in production
     * @param issuer the issuer written into demo tokens
     * @param signingKey PKCS#8 PEM RSA private key for demo tokens; generated at start-up when absent
     * @param tokenLifetime how long a demo token is valid
     * @param personas the demo callers (client-credentials clients)
     */
    public record Demo(
            boolean enabled,
            String issuer,
            Resource signingKey,
            @DefaultValue("1h") Duration tokenLifetime,
            @DefaultValue List<Persona> personas) {}

    /** A demo caller: an OAuth2 client whose tokens carry this identity. */
    public record Persona(
            String clientId,
            String secret,
            String description,
            String name,
            String userId,
            String odsCode,
            String roleCode,
            @DefaultValue List<String> activityCodes,
            String careSetting,
            @DefaultValue List<String> scopes) {}
}
