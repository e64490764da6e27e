package uk.cpis.server.security;

import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.util.ConcurrentLruCache;

/**
 * A clinical system sends the same bearer token with every look-up until it expires, so its signature
 * is checked and its JSON parsed once, not on every request (where they were a large share of a
 * look-up's CPU). The checks that depend on time or configuration (expiry, not-before, issuer, required
 * claims) still run on every request. Only tokens whose signature verified are kept, the most
 * recently used few thousand.
 */
final class VerifiedTokens implements JwtDecoder {

    static final int KEPT = 4096;

    private final OAuth2TokenValidator<Jwt> validator;
    private final ConcurrentLruCache<String, Jwt> verified;

    /** {@code signatureOnly} parses and verifies the signature; {@code validator} runs on every use. */
    VerifiedTokens(JwtDecoder signatureOnly, OAuth2TokenValidator<Jwt> validator) {
        this.validator = validator;
        this.verified = new ConcurrentLruCache<>(KEPT, signatureOnly::decode);
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = verified.get(token);
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            // the wording of Spring's own decoder, which callers and logs already know
            String description = result.getErrors().stream()
                    .map(error -> error.getDescription())
                    .filter(text -> text != null && !text.isBlank())
                    .collect(Collectors.joining("; "));
            throw new JwtValidationException(
                    "An error occurred while attempting to decode the Jwt: " + description, result.getErrors());
        }
        return jwt;
    }
}
