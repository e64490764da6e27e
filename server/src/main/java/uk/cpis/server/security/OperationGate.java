package uk.cpis.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.Operations;
import uk.cpis.server.security.AccessPolicy.OperationGrant;
import uk.cpis.server.security.AccessPolicy.Permissions;

/**
 * An operation request against its {@link OperationGrant}: the operation must be granted to the caller,
 * and its parameters come either in the URL or in a Parameters body (never both), each one the
 * operation declares, so what HAPI binds is exactly what was checked.
 */
@Component
class OperationGate {

    private final CurrentCaller currentCaller;
    private final FhirContext fhirContext;

    OperationGate(CurrentCaller currentCaller, FhirContext fhirContext) {
        this.currentCaller = currentCaller;
        this.fhirContext = fhirContext;
    }

    void check(Permissions permissions, RequestDetails request, String type) {
        String name = request.getOperation();
        OperationGrant grant = permissions
                .operation(name, type)
                .orElseThrow(() -> RequestGate.refused(
                        "No CP-IS rule allows the operation " + name + (type == null ? "" : " on " + type) + " for a "
                                + currentCaller.actor().label()));
        boolean hasBody = request.getRequestType() == RequestTypeEnum.POST && hasContent(request);
        Map<String, String[]> urlParameters = new LinkedHashMap<>(request.getParameters());
        AccessPolicy.FORMAT_PARAMETERS.forEach(urlParameters::remove);
        if (hasBody && !Operations.VALIDATE.equals(name)) {
            if (!urlParameters.isEmpty()) {
                throw new InvalidRequestException(
                        name + ": send the parameters either in the URL or in a Parameters body,"
                                + " not both (URL has " + String.join(", ", urlParameters.keySet()) + ")");
            }
            checkParametersBody(name, grant, request);
        } else {
            for (String parameter : urlParameters.keySet()) {
                if (!grant.parameters().contains(parameter)) {
                    throw new InvalidRequestException(name + " has no parameter '" + parameter + "'; its parameters: "
                            + String.join(", ", grant.parameters()));
                }
            }
        }
    }

    /** The CP-IS operations take strings ({@code system|value} for identifiers), as their OperationDefinitions say. */
    private void checkParametersBody(String name, OperationGrant grant, RequestDetails request) {
        IBaseResource body = request.getResource();
        try {
            if (body == null) {
                String content = new String(request.loadRequestContents(), StandardCharsets.UTF_8).strip();
                body = (content.startsWith("<") ? fhirContext.newXmlParser() : fhirContext.newJsonParser())
                        .parseResource(content);
            }
        } catch (DataFormatException e) {
            throw new InvalidRequestException(name + ": the body must be a FHIR Parameters resource");
        }
        if (!(body instanceof Parameters parameters)) {
            throw new InvalidRequestException(name + ": the body must be a FHIR Parameters resource");
        }
        for (Parameters.ParametersParameterComponent parameter : parameters.getParameter()) {
            if (parameter.getName() == null || !grant.parameters().contains(parameter.getName())) {
                throw new InvalidRequestException(name + " has no parameter '" + parameter.getName()
                        + "'; its parameters: " + String.join(", ", grant.parameters()));
            }
            if (!(parameter.getValue() instanceof org.hl7.fhir.r4.model.StringType)) {
                throw new InvalidRequestException(
                        name + ": parameter '" + parameter.getName() + "' must be a valueString"
                                + ("identifier".equals(parameter.getName()) ? " of the form system|value" : ""));
            }
        }
        request.setResource(parameters);
    }

    private static boolean hasContent(RequestDetails request) {
        byte[] content = request.loadRequestContents();
        return content != null && content.length > 0;
    }
}
