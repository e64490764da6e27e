package uk.cpis.server.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token that does not say who is calling and for which organisation is no token at all for CP-IS:
 * every access must be tied to a person or system and an organisation.
 */
class RequiredClaimsValidator implements OAuth2TokenValidator<Jwt> {

    private final SecurityProperties.ClaimNames names;

    RequiredClaimsValidator(SecurityProperties.ClaimNames names) {
        this.names = names;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        CallerIdentity caller = CallerIdentity.from(jwt, names);
        List<String> missing = new ArrayList<>();
        if (caller.userId() == null || caller.userId().isBlank()) {
            missing.add(names.userId());
        }
        if (caller.odsCode() == null || caller.odsCode().isBlank()) {
            missing.add(names.orgCode());
        }
        if (missing.isEmpty()) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token lacks the claims " + missing, null));
    }
}
