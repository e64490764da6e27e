package uk.cpis.server.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.Operations;

/**
 * {@code $validate} judges a resource as a write would: against the CP-IS profile of its type
 * ({@link CpisProfiles#requiredFor}) when the caller names no profile, so a resource that passes here
 * is not refused on write for a profile it was never checked against. The standard Parameters body
 * ({@code resource}, {@code profile}, {@code mode}) is accepted as well as the resource alone: it is
 * turned into the form HAPI binds (the resource as the body, the profile and mode as URL parameters).
 */
@Component
@Interceptor
public class ValidateAgainstCpisProfiles {

    private final FhirContext fhirContext;

    public ValidateAgainstCpisProfiles(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void profileOfTheType(RequestDetails request) {
        if (request.getRestOperationType() != RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
                || !Operations.VALIDATE.equals(request.getOperation())) {
            return;
        }
        byte[] content = request.loadRequestContents();
        if (content == null || content.length == 0) {
            return;
        }
        String body = new String(content, StandardCharsets.UTF_8).strip();
        IParser parser = body.startsWith("<") ? fhirContext.newXmlParser() : fhirContext.newJsonParser();
        IBaseResource sent;
        try {
            sent = parser.parseResource(body);
        } catch (DataFormatException unreadable) {
            return; // HAPI answers it as any unreadable body
        }
        Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameters());
        IBaseResource resource = sent;
        if (sent instanceof Parameters given && !"Parameters".equals(request.getResourceName())) {
            resource = given.getParameter().stream()
                    .filter(parameter -> "resource".equals(parameter.getName()) && parameter.getResource() != null)
                    .map(parameter -> (IBaseResource) parameter.getResource())
                    .findFirst()
                    .orElseThrow(() -> new InvalidRequestException(
                            "$validate: the Parameters body needs a 'resource' parameter with the resource to check"));
            for (String name : new String[] {"profile", "mode"}) {
                value(given, name).ifPresent(value -> parameters.put(name, new String[] {value}));
            }
            request.setRequestContents(parser.encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8));
        }
        if (!parameters.containsKey("profile")) {
            CpisProfiles.requiredFor(resource).ifPresent(profile -> parameters.put("profile", new String[] {profile}));
        }
        request.setParameters(parameters);
    }

    private static Optional<String> value(Parameters parameters, String name) {
        return parameters.getParameter().stream()
                .filter(parameter -> name.equals(parameter.getName()) && parameter.getValue() != null)
                .map(parameter -> parameter.getValue().primitiveValue())
                .findFirst();
    }
}
