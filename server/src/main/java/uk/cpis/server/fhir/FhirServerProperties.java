package uk.cpis.server.fhir;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How the CP-IS FHIR endpoint behaves ({@code cpis.fhir.*} in application.yaml).
 *
 * @param resourceTypes the only resource types served; every other type answers 404
 * @param internalResourceTypes types HAPI stores for its own services but the endpoint does not serve
 * @param defaultPageSize search page size when the client gives no {@code _count}
 * @param maxPageSize largest {@code _count} honoured
 * @param maxRequestSize largest request body accepted; larger ones get 413
 * @param serverAddress public base URL written into responses, or blank to use the request's own
 */
@ConfigurationProperties(prefix = "cpis.fhir")
public record FhirServerProperties(
        List<String> resourceTypes,
        List<String> internalResourceTypes,
        int defaultPageSize,
        int maxPageSize,
        DataSize maxRequestSize,
        String serverAddress) {}
