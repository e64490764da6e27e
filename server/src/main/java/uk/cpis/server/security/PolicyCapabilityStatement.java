package uk.cpis.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.security.AccessPolicy.Interaction;

/**
 * The CapabilityStatement says what the {@link AccessPolicy} allows some caller to do, and nothing
 * else: HAPI would advertise every interaction its JPA server has (history, patch, delete, expunge,
 * {@code $everything}, {@code $merge}…), which no CP-IS caller may use. It declares how to
 * authenticate ({@code rest.security}: OAuth2 client credentials with bearer JWTs; in demo mode, the
 * built-in token URL).
 */
@Component
@Interceptor
public class PolicyCapabilityStatement {

    static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
    /** FHIR JSON and XML, by MIME type and by the short names FHIR allows; no Turtle, no HTML views. */
    static final Set<String> ANSWER_FORMATS = Set.of("application/fhir+json", "json", "application/fhir+xml", "xml");

    static final String RESOURCE_COUNT = "http://hl7api.sourceforge.net/hapi-fhir/res/extdefs.html#resourceCount";

    private final boolean demo;

    public PolicyCapabilityStatement(Environment environment) {
        this.demo = environment.getProperty("cpis.security.demo.enabled", Boolean.class, false);
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void onlyWhatThePolicyAllows(IBaseConformance generated, RequestDetails request) {
        CapabilityStatement statement = (CapabilityStatement) generated;
        for (CapabilityStatementRestComponent rest : statement.getRest()) {
            rest.getResource().removeIf(resource -> !AccessPolicy.servedTypes().contains(resource.getType()));
            rest.getResource().forEach(PolicyCapabilityStatement::declare);
            rest.getInteraction()
                    .removeIf(interaction ->
                            interaction.getCode() != CapabilityStatement.SystemRestfulInteraction.TRANSACTION
                                    && interaction.getCode() != CapabilityStatement.SystemRestfulInteraction.BATCH);
            rest.getOperation().removeIf(operation -> !allowedOperation(operation.getName(), null));
            security(rest, request);
        }
        // what the endpoint answers in; PATCH is refused for everyone, so no patch format
        statement.getFormat().removeIf(format -> !ANSWER_FORMATS.contains(format.getValue()));
        statement.getPatchFormat().clear();
    }

    private static void declare(CapabilityStatementRestResourceComponent resource) {
        String type = resource.getType();
        Set<Interaction> allowed = EnumSet.noneOf(Interaction.class);
        Set<String> parameters = new LinkedHashSet<>();
        Set<String> includes = new LinkedHashSet<>();
        for (CpisActor actor : CpisActor.values()) {
            AccessPolicy.of(actor).grant(type).ifPresent(grant -> {
                allowed.addAll(grant.interactions());
                grant.searchParameters().forEach(name -> parameters.add(name.split("[.:]")[0]));
                includes.addAll(grant.includes());
            });
        }
        resource.getExtension().removeIf(extension -> RESOURCE_COUNT.equals(extension.getUrl()));
        resource.getInteraction().removeIf(interaction -> !allows(allowed, interaction.getCode()));
        resource.getSearchParam().removeIf(parameter -> !parameters.contains(parameter.getName()));
        resource.getSearchInclude().removeIf(include -> !includes.contains(include.getValue()));
        resource.getSearchRevInclude().clear();
        resource.getOperation().removeIf(operation -> !allowedOperation(operation.getName(), type));
        resource.setConditionalCreate(allowed.contains(Interaction.CONDITIONAL_CREATE));
        resource.setConditionalUpdate(allowed.contains(Interaction.CONDITIONAL_UPDATE));
        resource.setConditionalDelete(CapabilityStatement.ConditionalDeleteStatus.NOTSUPPORTED);
        resource.setConditionalRead(CapabilityStatement.ConditionalReadStatus.NOTSUPPORTED);
        resource.setReadHistory(false);
        resource.setUpdateCreate(false);
        resource.setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONED);
    }

    private static boolean allows(Set<Interaction> allowed, TypeRestfulInteraction interaction) {
        return switch (interaction) {
            case READ, VREAD -> allowed.contains(Interaction.READ);
            case SEARCHTYPE -> allowed.contains(Interaction.SEARCH);
            case CREATE -> allowed.contains(Interaction.CREATE);
            case UPDATE -> allowed.contains(Interaction.UPDATE);
            case DELETE -> allowed.contains(Interaction.DELETE);
            default -> false; // patch, history-instance, history-type
        };
    }

    private static boolean allowedOperation(String name, String type) {
        String operation = name.startsWith("$") ? name : "$" + name;
        for (CpisActor actor : CpisActor.values()) {
            if (AccessPolicy.of(actor).operation(operation, type).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private void security(CapabilityStatementRestComponent rest, RequestDetails request) {
        CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
        security.setCors(false);
        security.setService(
                List.of(new CodeableConcept(new Coding(CodeSystems.RESTFUL_SECURITY_SERVICE, "OAuth", "OAuth"))));
        security.setDescription(
                "Every request but this CapabilityStatement needs an OAuth 2.0 bearer token (a signed JWT from"
                        + " the CP-IS identity provider, client-credentials grant); what a caller may do follows from the token's"
                        + " scope (cpis.clinician, cpis.la-social-care, cpis.board-admin) and organisation, as the implementation"
                        + " guide's security page sets out. Anything else is 403.");
        // SMART's oauth-uris extension requires an authorize endpoint, which a client-credentials
        // service does not have: the demo token endpoint is named in the description instead
        security.getExtension().removeIf(extension -> OAUTH_URIS.equals(extension.getUrl()));
        if (demo && request != null && request.getFhirServerBase() != null) {
            String root = request.getFhirServerBase().replaceFirst("/fhir/?$", "");
            security.setDescription(security.getDescription() + " In demo mode, tokens for the demo personas come from "
                    + root + "/oauth2/token (client-credentials grant).");
        }
    }
}
