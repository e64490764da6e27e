package uk.cpis.server.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Demo mode only: an OAuth2 authorization server (Spring Authorization Server) that issues tokens
 * to the demo personas with the client-credentials grant at {@code POST /oauth2/token}. Each token
 * carries the persona's identity in the same claims an NHS CIS2 token would.
 */
@Configuration
@ConditionalOnProperty(prefix = "cpis.security.demo", name = "enabled", havingValue = "true")
public class DemoAuthorizationServerConfig {

    @Bean
    public DemoTokenKeys demoTokenKeys(SecurityProperties properties) {
        return DemoTokenKeys.load(properties.demo().signingKey());
    }

    @Bean
    @Order(1)
    public SecurityFilterChain demoTokenEndpoint(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, Customizer.withDefaults())
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(authorizationServer.getEndpointsMatcher()));
        return http.build();
    }

    @Bean
    public RegisteredClientRepository demoPersonaClients(SecurityProperties properties) {
        return new DemoPersonaRepository(
                new DemoPersonas(properties.demo().personas()),
                properties.demo().tokenLifetime());
    }

    @Bean
    public JWKSource<SecurityContext> demoJwkSource(DemoTokenKeys keys) {
        RSAKey key = new RSAKey.Builder(keys.publicKey())
                .privateKey(keys.privateKey())
                .keyID("cpis-demo")
                .build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    public AuthorizationServerSettings demoAuthorizationServerSettings(SecurityProperties properties) {
        return AuthorizationServerSettings.builder()
                .issuer(properties.demo().issuer())
                .build();
    }

    /** Puts the persona's identity into its access token, CIS2 style. */
    @Bean
    public OAuth2TokenCustomizer<JwtEncodingContext> demoPersonaClaims(SecurityProperties properties) {
        DemoPersonas personas = new DemoPersonas(properties.demo().personas());
        SecurityProperties.ClaimNames names = properties.claims();
        return context -> {
            SecurityProperties.Persona persona =
                    personas.find(context.getRegisteredClient().getClientId()).orElse(null);
            if (persona == null) {
                return;
            }
            Map<String, Object> role = new java.util.LinkedHashMap<>();
            role.put("person_roleid", persona.clientId() + "-role");
            role.put(names.orgCode(), persona.odsCode());
            if (persona.roleCode() != null) {
                role.put(names.roleCode(), persona.roleCode());
            }
            role.put(names.activityCodes(), persona.activityCodes());
            if (persona.careSetting() != null) {
                role.put(names.careSetting(), persona.careSetting());
            }
            context.getClaims()
                    .claim(names.userId(), persona.userId())
                    .claim(names.name(), persona.name())
                    .claim(names.roles(), List.of(role))
                    // the persona's scopes whether or not the client asked for them
                    .claim("scope", persona.scopes());
        };
    }

    /**
     * The personas as registered clients, made on demand (templated personas have no fixed list).
     * Spring's in-memory repository would refuse clients that share a secret, and every persona's
     * secret is demo-secret.
     */
    private static final class DemoPersonaRepository implements RegisteredClientRepository {

        private final DemoPersonas personas;
        private final java.time.Duration tokenLifetime;
        private final Map<String, RegisteredClient> byId = new java.util.concurrent.ConcurrentHashMap<>();

        DemoPersonaRepository(DemoPersonas personas, java.time.Duration tokenLifetime) {
            this.personas = personas;
            this.tokenLifetime = tokenLifetime;
        }

        /** Spring Authorization Server saves a client again when it re-encodes its secret. */
        @Override
        public void save(RegisteredClient registeredClient) {
            byId.put(registeredClient.getId(), registeredClient);
        }

        @Override
        public RegisteredClient findById(String id) {
            return byId.get(id);
        }

        @Override
        public RegisteredClient findByClientId(String clientId) {
            RegisteredClient saved = byId.get(idOf(clientId));
            return saved != null
                    ? saved
                    : personas.find(clientId).map(this::client).orElse(null);
        }

        private RegisteredClient client(SecurityProperties.Persona persona) {
            return RegisteredClient.withId(idOf(persona.clientId()))
                    .clientId(persona.clientId())
                    .clientSecret("{noop}" + persona.secret())
                    .clientName(persona.description())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scopes(scopes -> scopes.addAll(persona.scopes()))
                    .tokenSettings(TokenSettings.builder()
                            .accessTokenTimeToLive(tokenLifetime)
                            .build())
                    .build();
        }

        private static String idOf(String clientId) {
            return UUID.nameUUIDFromBytes(clientId.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toString();
        }
    }
}
