package uk.cpis.server.http;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import uk.cpis.server.fhir.FhirServerProperties;

/**
 * Rejects request bodies the FHIR endpoint cannot or will not read, before HAPI parses them:
 * over the configured size (413) or in a media type that is not FHIR (415).
 */
@Component
@Interceptor
public class RequestBodyRules {

    /** Media types a FHIR body may be sent in (form posts are for {@code _search}). */
    static final Set<String> ACCEPTED_MEDIA_TYPES = Set.of(
            "application/fhir+json",
            "application/json",
            "application/json+fhir",
            "application/fhir+xml",
            "application/xml",
            "application/xml+fhir",
            "text/xml",
            "application/json-patch+json",
            "application/x-www-form-urlencoded");

    private final long maxRequestBytes;

    public RequestBodyRules(FhirServerProperties properties) {
        this.maxRequestBytes = properties.maxRequestSize().toBytes();
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean checkBody(HttpServletRequest request) {
        if (request.getContentLengthLong() > maxRequestBytes) {
            throw new PayloadTooLargeException(tooLargeMessage(maxRequestBytes));
        }
        if (hasBody(request)) {
            String mediaType = mediaTypeOf(request.getContentType());
            if (mediaType == null || !ACCEPTED_MEDIA_TYPES.contains(mediaType)) {
                throw new UnclassifiedServerFailureException(
                        415,
                        "Unsupported Content-Type '" + (mediaType == null ? "(none)" : mediaType)
                                + "': send FHIR resources as application/fhir+json or application/fhir+xml");
            }
        }
        return true;
    }

    static String tooLargeMessage(long maxRequestBytes) {
        return "Request body is larger than the limit of " + maxRequestBytes
                + " bytes: split the upload into smaller bundles";
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static String mediaTypeOf(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon >= 0 ? contentType.substring(0, semicolon) : contentType;
        return type.trim().toLowerCase(Locale.ROOT);
    }
}
