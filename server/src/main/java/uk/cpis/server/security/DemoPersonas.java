package uk.cpis.server.security;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import uk.cpis.server.contract.Codes;

/**
 * The demo callers: the named personas of {@code cpis.security.demo.personas}, and two families a
 * tester or the national-scale loader can use for any organisation, by ODS code:
 * {@code la-<ODS>} (that council's social care system) and {@code ed-<ODS>} (an emergency department
 * clinician at that organisation). A templated caller still sees patient data only if its
 * organisation is a current member of the information sharing agreement.
 */
final class DemoPersonas {

    private static final Pattern COUNCIL = Pattern.compile("la-([A-Za-z0-9]{3,8})");
    private static final Pattern ED_CLINICIAN = Pattern.compile("ed-([A-Za-z0-9]{3,8})");

    private final Map<String, SecurityProperties.Persona> named;
    private final String secret;

    DemoPersonas(List<SecurityProperties.Persona> personas) {
        this.named =
                personas.stream().collect(Collectors.toMap(SecurityProperties.Persona::clientId, Function.identity()));
        // the templated callers share the named personas' secret (demo-secret)
        this.secret = personas.isEmpty() ? "demo-secret" : personas.get(0).secret();
    }

    List<SecurityProperties.Persona> named() {
        return List.copyOf(named.values());
    }

    Optional<SecurityProperties.Persona> find(String clientId) {
        if (named.containsKey(clientId)) {
            return Optional.of(named.get(clientId));
        }
        Matcher council = COUNCIL.matcher(clientId);
        if (council.matches()) {
            String ods = council.group(1).toUpperCase(Locale.ROOT);
            return Optional.of(new SecurityProperties.Persona(
                    clientId,
                    secret,
                    "Social care system of the council " + ods,
                    "Council " + ods + " social care system",
                    clientId + "-system",
                    ods,
                    null,
                    List.of(),
                    null,
                    List.of("cpis.la-social-care")));
        }
        Matcher clinician = ED_CLINICIAN.matcher(clientId);
        if (clinician.matches()) {
            String ods = clinician.group(1).toUpperCase(Locale.ROOT);
            return Optional.of(new SecurityProperties.Persona(
                    clientId,
                    secret,
                    "Emergency department clinician at " + ods,
                    "Demo clinician at " + ods,
                    "ed-" + ods,
                    ods,
                    "S8000:G8000:R8000",
                    List.of(Codes.UNSCHEDULED_CARE_ACTIVITY),
                    "emergency-department",
                    List.of("cpis.clinician")));
        }
        return Optional.empty();
    }
}
