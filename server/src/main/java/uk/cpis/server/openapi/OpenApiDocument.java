package uk.cpis.server.openapi;

import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.openapi.OpenApiInterceptor;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.ExternalDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.stereotype.Component;
import uk.cpis.server.audit.AccessType;
import uk.cpis.server.contract.Operations;
import uk.cpis.server.http.TraceIds;

/**
 * The OpenAPI document ({@code /fhir/api-docs}) and Swagger UI ({@code /fhir/swagger-ui/}), both
 * open without a token like the CapabilityStatement they are made from. HAPI builds the document
 * from the CapabilityStatement as the CP-IS hooks trimmed it to the access policy
 * ({@code PolicyCapabilityStatement}), so it describes nothing the policy refuses; this class adds
 * what a CapabilityStatement cannot say: operations exist only at type or server level (the policy
 * refuses every operation on one record by id), the bearer token, the national API's headers and
 * the 401/403 answers.
 *
 * <p>Only the Swagger UI files the page uses are served (from HAPI's jar and the swagger-ui webjar;
 * nothing is fetched from the internet); any other path under {@code /swagger-ui/} is 404 here, so
 * a token-less request under it never reaches the FHIR endpoint.
 */
@Component
@Interceptor
public class OpenApiDocument extends OpenApiInterceptor {

    static final String BEARER = "bearer";
    static final String OPERATION_OUTCOME = "An OperationOutcome";

    /** The files HAPI's Swagger UI page loads (its own and the webjar's), and their source maps. */
    private static final Set<String> UI_FILES = Set.of(
            "index.css",
            "raccoon.png",
            "swagger-ui.css",
            "swagger-ui.css.map",
            "swagger-ui-bundle.js",
            "swagger-ui-bundle.js.map",
            "swagger-ui-standalone-preset.js",
            "swagger-ui-standalone-preset.js.map",
            "favicon-16x16.png",
            "favicon-32x32.png");

    /** Page names are resource types, "All" and "System Level Operations". */
    private static final Pattern PAGE = Pattern.compile("[A-Za-z ]{1,40}");

    /** The searches and operation that are a clinician's look-up, recorded by access type. */
    private static final Set<String> LOOK_UP_PATHS = Set.of(
            "/Patient",
            "/Patient/_search",
            "/Flag",
            "/Flag/_search",
            "/AuditEvent",
            "/AuditEvent/_search",
            "/CareTeam",
            "/CareTeam/_search",
            "/Patient/" + Operations.LOOKUP);

    /** What the CP-IS operations are for (HAPI only names their paths). */
    private static final Map<String, String> OPERATION_SUMMARIES = Map.of(
            "/Patient/" + Operations.LOOKUP,
            "A clinician's look-up of one child by NHS number (identifier=https://fhir.nhs.uk/Id/nhs-number|{NHS"
                    + " number}): the plans shown, their councils with both phones, the last 25 unscheduled"
                    + " accesses and warnings, in one collection Bundle; recorded before it is answered",
            "/Organization/" + Operations.SIGNATORY,
            "Whether an organisation (identifier=ODS code) is a current signatory of the information sharing"
                    + " agreement",
            "/" + Operations.STATISTICS,
            "A board's figures for whole calendar months (start, end, optionally council)");

    @Override
    protected boolean handleResourceRequest(
            HttpServletResponse response, ServletRequestDetails request, String requestPath) throws IOException {
        String file = requestPath.substring("/swagger-ui/".length());
        String[] page = request.getParameters().get("page");
        boolean knownPage =
                page == null || (page.length == 1 && PAGE.matcher(page[0]).matches());
        boolean isPage = file.isEmpty() || file.equals("index.html");
        if ((isPage && knownPage) || UI_FILES.contains(file)) {
            // HAPI serves the page and its files; an unknown file would be its 500, so it never gets one
            if (super.handleResourceRequest(response, request, requestPath)) {
                return true;
            }
        }
        notFound(request, response);
        return true;
    }

    private static void notFound(ServletRequestDetails request, HttpServletResponse response) throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(IssueSeverity.ERROR)
                .setCode(IssueType.NOTFOUND)
                .setDiagnostics("Swagger UI has no such page or file: open /fhir/swagger-ui/");
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getWriter()
                .write(request.getFhirContext()
                        .newJsonParser()
                        .setPrettyPrint(true)
                        .encodeResourceToString(outcome));
        response.getWriter().close();
    }

    /**
     * The document is open to anyone, and making it reads every operation's definition: it is made at
     * most once a minute per base URL and page, like HAPI's cached CapabilityStatement, so token-less
     * requests cannot make the server do that work again and again.
     */
    private static final long KEEP_MILLIS = 60_000;

    private static final int MAX_KEPT = 64;

    private record Made(OpenAPI document, long at) {}

    private final Map<String, Made> made = new ConcurrentHashMap<>();

    @Override
    protected OpenAPI generateOpenApi(ServletRequestDetails request) {
        String[] page = request.getParameters().get("page");
        String key = request.getFhirServerBase() + " " + (page == null ? "" : String.join(",", page));
        long now = System.currentTimeMillis();
        Made kept = made.get(key);
        if (kept != null && now - kept.at() < KEEP_MILLIS) {
            return kept.document();
        }
        if (made.size() >= MAX_KEPT) {
            made.clear(); // odd Host headers or page names cannot grow the map
        }
        OpenAPI document = make(request);
        made.put(key, new Made(document, now));
        return document;
    }

    private OpenAPI make(ServletRequestDetails request) {
        OpenAPI document = super.generateOpenApi(request);
        onlyTypeAndServerOperations(document);
        String base = request.getFhirServerBase().replaceFirst("/fhir/?$", "");
        document.getInfo()
                .setDescription(document.getInfo().getDescription()
                        + "\n\nEvery request but `GET /metadata` needs an OAuth 2.0 bearer token (a JWT of the CP-IS"
                        + " identity provider; in demo mode from " + base + "/oauth2/token). What a caller may do"
                        + " follows from its scope and organisation; anything else is 403 with an OperationOutcome."
                        + " Every answer carries `TraceID` and `X-Request-ID`.");
        document.setExternalDocs(new ExternalDocumentation()
                .description("CP-IS implementation guide")
                .url(base + "/ig/"));
        document.setComponents(document.getComponents() == null ? new Components() : document.getComponents());
        document.getComponents()
                .addSecuritySchemes(
                        BEARER,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("A signed JWT of the CP-IS identity provider (client-credentials grant)"));
        document.addSecurityItem(new SecurityRequirement().addList(BEARER));
        document.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    if (OPERATION_SUMMARIES.containsKey(path)) {
                        operation.setSummary(OPERATION_SUMMARIES.get(path));
                    }
                    operation.addParametersItem(traceIdHeader());
                    operation.addParametersItem(requestIdHeader());
                    if (LOOK_UP_PATHS.contains(path) && method != PathItem.HttpMethod.PUT) {
                        operation.addParametersItem(unscheduledHeader());
                    }
                    if (operation.getResponses() == null) {
                        operation.setResponses(new io.swagger.v3.oas.models.responses.ApiResponses());
                    }
                    if (path.equals("/metadata")) {
                        operation.setSecurity(List.of()); // open, like this document
                    } else {
                        operation
                                .getResponses()
                                .addApiResponse(
                                        "401",
                                        new ApiResponse()
                                                .description(OPERATION_OUTCOME
                                                        + ": no bearer token, or the token was refused"))
                                .addApiResponse(
                                        "403",
                                        new ApiResponse()
                                                .description(
                                                        OPERATION_OUTCOME
                                                                + ": the access policy does not allow this request for the caller"));
                    }
                }));
        return document;
    }

    /** HAPI also lists {@code /Type/{id}/$op} for operations that may run on an instance; the policy refuses those. */
    private static void onlyTypeAndServerOperations(OpenAPI document) {
        document.getPaths().keySet().removeIf(path -> path.contains("/{id}/$"));
    }

    private static Parameter traceIdHeader() {
        return new HeaderParameter()
                .name(TraceIds.TRACE_ID)
                .required(false)
                .description("The national CP-IS API's trace id of this request, echoed in the answer, written in the"
                        + " server's log and in the access record of a look-up. 1 to " + TraceIds.MAX_LENGTH
                        + " characters of A-Z a-z 0-9 . _ - (anything else is 400). If absent, X-Request-ID is used,"
                        + " else the server makes up a UUID.")
                .schema(new StringSchema()
                        .pattern("^[A-Za-z0-9._-]{1," + TraceIds.MAX_LENGTH + "}$")
                        .maxLength(TraceIds.MAX_LENGTH))
                .example("b2acfb2c-c40e-4f9a-8916-950a2e86fc4e");
    }

    private static Parameter requestIdHeader() {
        return new HeaderParameter()
                .name(TraceIds.REQUEST_ID)
                .required(false)
                .description("A request id, echoed in the answer; the trace id when TraceID is absent. Same rules as"
                        + " TraceID.")
                .schema(new StringSchema()
                        .pattern("^[A-Za-z0-9._-]{1," + TraceIds.MAX_LENGTH + "}$")
                        .maxLength(TraceIds.MAX_LENGTH));
    }

    private static Parameter unscheduledHeader() {
        return new HeaderParameter()
                .name(AccessType.HEADER)
                .required(false)
                .description("As in the national CP-IS API: true or absent records an unscheduled access (in the"
                        + " child's access history, notified to the council); false a scheduled, silent one. A"
                        + " caller with the unscheduled-care activity B0107 is always unscheduled.")
                .schema(new BooleanSchema()._default(true));
    }
}
