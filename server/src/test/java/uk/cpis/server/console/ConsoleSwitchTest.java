package uk.cpis.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The console is off unless asked for: on in demo mode, off in the production configuration. */
class ConsoleSwitchTest {

    @Test
    void theProductionConfigurationLeavesTheConsoleOff() throws IOException {
        assertThat(consoleWith("application.yaml").enabled()).isFalse();
    }

    @Test
    void demoModeTurnsTheConsoleOn() throws IOException {
        assertThat(consoleWith("application.yaml", "application-demo.yaml").enabled())
                .isTrue();
    }

    @Test
    void anOperatorTurnsItOnForATestEnvironment() throws IOException {
        System.setProperty("CPIS_CONSOLE_ENABLED", "true");
        try {
            assertThat(consoleWith("application.yaml").enabled()).isTrue();
        } finally {
            System.clearProperty("CPIS_CONSOLE_ENABLED");
        }
    }

    private static ConsoleProperties consoleWith(String... files) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        for (String file : files) {
            List<PropertySource<?>> loaded = new YamlPropertySourceLoader().load(file, new ClassPathResource(file));
            loaded.forEach(source -> environment.getPropertySources().addFirst(source));
        }
        return Binder.get(environment)
                .bind("cpis.console", ConsoleProperties.class)
                .orElse(new ConsoleProperties(false));
    }
}
