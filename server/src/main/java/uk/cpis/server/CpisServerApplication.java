package uk.cpis.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * CP-IS FHIR server: a HAPI FHIR JPA server for Child Protection - Information Sharing.
 *
 * <p>Hibernate is configured by {@link uk.cpis.server.database.HapiJpaConfig} (HAPI needs its own
 * entity manager factory), so Spring Boot's JPA auto-configuration is left out.
 */
@SpringBootApplication(
        exclude = {HibernateJpaAutoConfiguration.class, QuartzAutoConfiguration.class, ThymeleafAutoConfiguration.class
        })
@ConfigurationPropertiesScan
public class CpisServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(CpisServerApplication.class, args);
    }
}
