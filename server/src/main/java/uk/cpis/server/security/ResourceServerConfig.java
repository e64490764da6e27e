package uk.cpis.server.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;

/**
 * Every FHIR request needs a valid bearer token (JWT) from the configured identity provider; only
 * the CapabilityStatement, the OpenAPI document and Swagger UI made from it (GET only), the
 * implementation guide and the health and metrics endpoints are open. Anything else is denied.
 */
@Configuration
public class ResourceServerConfig {

    static final String[] OPEN = {
        "/fhir/metadata", "/ig", "/ig/**", "/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/error"
    };

    /**
     * Served by the OpenAPI hook before HAPI picks a handler; under {@code /swagger-ui/} it answers
     * every path itself (a file of the page or 404), so nothing else is reached without a token.
     */
    static final String[] OPEN_FOR_GET = {"/fhir/api-docs", "/fhir/swagger-ui/", "/fhir/swagger-ui/*"};

    @Bean
    @Order(2)
    public SecurityFilterChain fhirApiSecurity(HttpSecurity http, JwtDecoder jwtDecoder, FhirSecurityErrors errors)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(OPEN)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, OPEN_FOR_GET)
                        .permitAll()
                        .requestMatchers("/fhir/**")
                        .authenticated()
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(oauth2 -> oauth2.jwt(jwt -> jwt.decoder(jwtDecoder))
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // A token-authenticated API with no cookies: nothing for CSRF to protect.
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /**
     * Tokens of the external identity provider, or of the demo token endpoint in demo mode. With
     * neither configured the server does not start: it never runs without authentication.
     */
    @Bean
    public JwtDecoder jwtDecoder(SecurityProperties properties, ObjectProvider<DemoTokenKeys> demoKeys) {
        NimbusJwtDecoder decoder;
        String issuer;
        DemoTokenKeys demo = demoKeys.getIfAvailable();
        if (demo != null) {
            decoder = NimbusJwtDecoder.withPublicKey(demo.publicKey()).build();
            issuer = properties.demo().issuer();
        } else if (StringUtils.hasText(properties.jwkSetUri()) && StringUtils.hasText(properties.issuer())) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
            issuer = properties.issuer();
        } else {
            throw new IllegalStateException("No identity provider configured: set CPIS_JWT_ISSUER and"
                    + " CPIS_JWT_JWKS_URI (see README), or run the demo profile for the built-in demo personas");
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(issuer));
        validators.add(new RequiredClaimsValidator(properties.claims()));
        // the signature is checked once per token (VerifiedTokens), the claims on every request
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        return new VerifiedTokens(decoder, new DelegatingOAuth2TokenValidator<>(validators));
    }
}
