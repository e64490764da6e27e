package uk.cpis.server.ig;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the implementation guide (static HTML from the ig module's jar, {@code static/ig/}) at
 * {@code /ig/}, without authentication: it holds no patient data.
 */
@Configuration
public class ImplementationGuidePages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/ig", "/ig/");
        registry.addViewController("/ig/").setViewName("forward:/ig/index.html");
    }
}
