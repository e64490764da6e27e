package uk.cpis.server.console;

import java.util.Comparator;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.cpis.server.security.SecurityProperties;

/**
 * The demo personas the console offers, in demo mode only: who each is, never a secret. The console
 * gets their tokens from the demo token endpoint like any client.
 */
@RestController
@ConditionalOnExpression("${cpis.console.enabled:false} and ${cpis.security.demo.enabled:false}")
class ConsolePersonas {

    record Persona(String clientId, String description, String odsCode) {}

    private final List<Persona> personas;

    ConsolePersonas(SecurityProperties security) {
        this.personas = security.demo().personas().stream()
                .map(p -> new Persona(p.clientId(), p.description(), p.odsCode()))
                .sorted(Comparator.comparing(Persona::clientId))
                .toList();
    }

    @GetMapping("/console/personas.json")
    List<Persona> personas() {
        return personas;
    }
}
