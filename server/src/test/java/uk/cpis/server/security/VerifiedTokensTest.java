package uk.cpis.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokensTest {

    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final AtomicReference<OAuth2TokenValidatorResult> claims =
            new AtomicReference<>(OAuth2TokenValidatorResult.success());

    /** Accepts tokens named "good-…", as a decoder whose signature check passes; refuses the rest. */
    private final JwtDecoder signatures = token -> {
        signatureChecks.incrementAndGet();
        if (!token.startsWith("good-")) {
            throw new BadJwtException("Signed JWT rejected: Invalid signature");
        }
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject(token)
                .issuedAt(Instant.now())
                .build();
    };

    private final VerifiedTokens tokens = new VerifiedTokens(signatures, jwt -> claims.get());

    @Test
    void aTokenUsedAgainHasItsSignatureCheckedOnce() {
        assertThat(tokens.decode("good-1").getSubject()).isEqualTo("good-1");
        assertThat(tokens.decode("good-1").getSubject()).isEqualTo("good-1");
        assertThat(tokens.decode("good-2").getSubject()).isEqualTo("good-2");
        assertThat(signatureChecks).hasValue(2);
    }

    @Test
    void theClaimsAreCheckedOnEveryUseSoAKeptTokenStillExpires() {
        tokens.decode("good-1");
        claims.set(OAuth2TokenValidatorResult.failure(
                new OAuth2Error("invalid_token", "Jwt expired at 2026-11-27T10:00:00Z", null)));
        assertThatThrownBy(() -> tokens.decode("good-1"))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("Jwt expired at 2026-11-27T10:00:00Z");
    }

    @Test
    void aTokenWhoseSignatureFailsIsNotKept() {
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(signatureChecks).hasValue(2);
    }
}
