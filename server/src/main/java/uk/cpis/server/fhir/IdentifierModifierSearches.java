package uk.cpis.server.fhir;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The CP-IS look-up and NHS England's CP-IS API search by the child's NHS number with the
 * {@code :identifier} modifier ({@code Flag?patient:identifier=...}), which HAPI's JPA search does not
 * support (HAPI-2498). The chained form {@code patient.identifier=...} asks the same question, so the
 * query string is rewritten to it before HAPI reads it: every client's request works unchanged.
 */
@Configuration
public class IdentifierModifierSearches {

    private static final Pattern MODIFIER = Pattern.compile("(^|&)([a-zA-Z][a-zA-Z0-9-]*)(?::|%3A|%3a)identifier=");

    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> identifierModifierAsChain() {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String query = request.getQueryString();
                if (query == null || !MODIFIER.matcher(query).find()) {
                    chain.doFilter(request, response);
                    return;
                }
                String chained = asChain(query);
                chain.doFilter(
                        new HttpServletRequestWrapper(request) {
                            @Override
                            public String getQueryString() {
                                return chained;
                            }
                        },
                        response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/fhir/*");
        registration.setName("fhirIdentifierModifierAsChain");
        return registration;
    }

    static String asChain(String query) {
        Matcher matcher = MODIFIER.matcher(query);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + match.group(2) + ".identifier="));
    }
}
