package uk.cpis.server.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.DemoTokens;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;

/**
 * The loop as a Java vendor drives it with HAPI's generic client, configured as a third party would
 * (its own context, no {@code /metadata} probe, a bearer token, the national header), not through the
 * test base's helpers: transaction upload, look-up search, {@code $cpis-lookup} by GET, the access
 * history, and paging with {@code loadPage().next()}.
 */
class HapiGenericClientLoopIT extends PostgresServerTest {

    private static final String NHS = CpisResources.NHS_NUMBER;
    private static final TokenClientParam PATIENT_IDENTIFIER = new TokenClientParam("patient:identifier");

    @Test
    void hapisGenericClientRunsTheLoop() {
        String nhsNumber = NhsNumbers.next();
        council(uk.cpis.server.testsupport.TestCouncil.MEDWAY);
        IGenericClient council = vendorClient("la-medway", false);

        Bundle upload = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        upload.addEntry()
                .setFullUrl("urn:uuid:0e0b7f7a-5a38-4f3b-9d0e-1b2c3d4e0001")
                .setResource(CpisResources.child(nhsNumber))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Patient?identifier=" + NHS + "|" + nhsNumber);
        Flag plan = CpisResources.plan(
                CpisResources.CPP,
                "00LC",
                "HG-" + nhsNumber,
                new Reference("urn:uuid:0e0b7f7a-5a38-4f3b-9d0e-1b2c3d4e0001"),
                new Reference("Organization?identifier=" + CpisResources.ODS + "|00LC"));
        upload.addEntry()
                .setResource(plan)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Flag?identifier=https://fhir.cpis.uk/Id/la-plan-id/00LC|HG-" + nhsNumber);
        Bundle uploaded = council.transaction().withBundle(upload).execute();
        assertThat(uploaded.getEntry())
                .extracting(entry -> entry.getResponse().getStatus())
                .containsExactly("201 Created", "201 Created");

        IGenericClient clinician = vendorClient("ed-clinician", true);
        Bundle lookedUp = clinician
                .search()
                .forResource(Flag.class)
                .where(PATIENT_IDENTIFIER.exactly().systemAndCode(NHS, nhsNumber))
                .include(Flag.INCLUDE_AUTHOR)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(resources(lookedUp, Flag.class))
                .extracting(flag -> flag.getCode().getCodingFirstRep().getCode())
                .containsExactly(CpisResources.CPP);
        assertThat(resources(lookedUp, Organization.class))
                .extracting(Organization::getName)
                .containsExactly("Medway Council");

        Bundle lookup = clinician
                .operation()
                .onType(Patient.class)
                .named("$cpis-lookup")
                .withParameter(Parameters.class, "identifier", new StringType(NHS + "|" + nhsNumber))
                .useHttpGet()
                .returnResourceType(Bundle.class)
                .execute();
        assertThat(lookup.getEntry())
                .extracting(entry -> entry.getResource().fhirType())
                .contains("Patient", "Flag", "Organization");

        Bundle history = clinician
                .search()
                .forResource(AuditEvent.class)
                .where(PATIENT_IDENTIFIER.exactly().systemAndCode(NHS, nhsNumber))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(resources(history, AuditEvent.class))
                .as("the Flag search and $cpis-lookup")
                .hasSize(2);

        // a council pages through its children; a clinician may not page (one child at a time)
        List<List<String>> pages = new ArrayList<>();
        Bundle page = council.search()
                .forResource(Patient.class)
                .count(2)
                .returnBundle(Bundle.class)
                .execute();
        while (true) {
            pages.add(page.getEntry().stream()
                    .map(entry -> entry.getResource().getIdElement().getIdPart())
                    .toList());
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = council.loadPage().next(page).execute();
        }
        assertThat(pages).hasSizeGreaterThan(1);
        Set<String> ids = pages.stream().flatMap(List::stream).collect(Collectors.toSet());
        assertThat(ids).hasSize(pages.stream().mapToInt(List::size).sum()).hasSizeGreaterThan(2);

        Bundle firstPage = council.search()
                .forResource(Patient.class)
                .count(2)
                .returnBundle(Bundle.class)
                .execute();
        assertThatThrownBy(() -> vendorClient("la-reading", false)
                        .loadPage()
                        .next(firstPage)
                        .execute())
                .as("a paging link belongs to the caller who searched")
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException.class);
        assertThatThrownBy(() -> clinician.loadPage().next(firstPage).execute())
                .isInstanceOf(ForbiddenOperationException.class);
    }

    /** As a vendor would configure HAPI's client; {@code unscheduled} adds the national header. */
    private IGenericClient vendorClient(String persona, boolean unscheduled) {
        FhirContext context = FhirContext.forR4();
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        context.getRestfulClientFactory().setSocketTimeout(60_000);
        IGenericClient client = context.newRestfulGenericClient(baseUrl());
        client.registerInterceptor(new BearerTokenAuthInterceptor(DemoTokens.forPersona(serverRoot(), persona)));
        if (unscheduled) {
            AdditionalRequestHeadersInterceptor headers = new AdditionalRequestHeadersInterceptor();
            headers.addHeaderValue("IsUnscheduledAccessEvent", "true");
            client.registerInterceptor(headers);
        }
        return client;
    }

    private static <T> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }
}
