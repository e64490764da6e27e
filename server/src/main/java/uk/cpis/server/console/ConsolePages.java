package uk.cpis.server.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the console's static pages ({@code cpis-console/} in the jar, built from
 * {@code src/main/console}) at {@code /console/} when {@code cpis.console.enabled}. The pages hold no
 * data and need no token; everything they show comes from the FHIR API, called by the browser with
 * the user's own token, under the same access policy as any client. With the console off, these paths
 * fall to the API's security chain and are refused like any unknown path.
 *
 * <p>The content security policy lets the page load and call nothing but this server, so no request
 * leaves it and no injected script could send a token elsewhere.
 */
@Configuration
@ConditionalOnProperty(prefix = "cpis.console", name = "enabled", havingValue = "true")
class ConsolePages implements WebMvcConfigurer {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; script-src 'self';"
            + " style-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'self'; frame-ancestors 'none'";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", "/console/");
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/**").addResourceLocations("classpath:/cpis-console/");
    }

    @Bean
    @Order(0)
    SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher("/console", "/console/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }
}
