package uk.cpis.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;
import uk.cpis.server.notifications.NotificationsIT;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;

/**
 * Issue 14, findings 7 to 10, one test each: a plan's author must be a reference to the council's own
 * Organization; notification endpoints on private and internal addresses are refused; the board
 * statistics of two periods a day apart cannot be differenced into a count below 5; and the
 * CapabilityStatement offers only what some persona may do, with its security and without counts.
 */
class AdversarialSurfaceFindingsIT extends AdversarialFindingsSupport {

    // ---- finding 7: a plan whose author is only an identifier -----------------------------------------

    @Test
    void aPlanWhoseAuthorIsOnlyAnIdentifierIsRefused() {
        String nhsNumber = NhsNumbers.next();
        String child = fhirClientAs("la-medway")
                .create()
                .resource(CpisResources.child(nhsNumber))
                .execute()
                .getId()
                .getIdPart();
        String planIdentifier = "P-" + NhsNumbers.next();
        Flag plan = planOf("00LC", planIdentifier, new Reference("Patient/" + child), new Reference());
        plan.getAuthor().getIdentifier().setSystem(CpisResources.ODS).setValue("00LC");
        String request = "la-medway POST /fhir/Flag with author.identifier 00LC and no reference";

        Response answer = httpAs("la-medway")
                .contentType(FHIR_JSON)
                .body(FHIR.newJsonParser().encodeResourceToString(plan))
                .post("/fhir/Flag");

        assertRefused(answer, 422, request);
        assertThat(answer.body().asString())
                .as(request + ": the message names the element")
                .contains("Flag.author");
        assertThat(storedPlansWith("00LC", planIdentifier))
                .as(request + " stored the plan")
                .isZero();
    }

    // ---- finding 8: notification endpoints on private and internal addresses ----------------------------

    @Test
    void notificationEndpointsOnPrivateAndInternalAddressesAreRefused() {
        for (String endpoint : List.of(
                "https://10.0.0.1/",
                "https://192.168.0.1/",
                "https://[::ffff:127.0.0.1]/",
                "https://127.0.0.1:5432/")) {
            String reason = "Medway notifications " + UUID.randomUUID();
            String request = "la-medway POST /fhir/Subscription to " + endpoint;
            Response answer = httpAs("la-medway")
                    .contentType(FHIR_JSON)
                    .body(NotificationsIT.subscription("la-medway", "AuditEvent?responsible-la=00LC", endpoint)
                            .replace("CP-IS notifications for la-medway", reason))
                    .post("/fhir/Subscription");

            int stored = storedSubscriptionsWithReason(reason);
            if (answer.statusCode() == 201) {
                // accepted by mistake: not left behind to match other tests' searches
                httpAs("la-medway")
                        .delete("/fhir/Subscription/" + answer.jsonPath().getString("id"));
            }
            assertRefused(answer, 422, request);
            assertThat(answer.body().asString()).as(request).contains("endpoint-not-allowed");
            assertThat(stored).as(request + " stored the Subscription").isZero();
        }
    }

    // ---- finding 9: statistics can be differenced --------------------------------------------------------

    /**
     * Seven plans started in May 2024 and one on 31 March 2025: asked for the year to 31 March and to 30
     * March, exact figures would differ by one. Either a period not ending on a month's last day is refused
     * (400), or no figure of the two answers differs by 1 to 4 (rounded to 5, or suppressed).
     */
    @Test
    void statisticsOfPeriodsADayApartCannotBeDifferencedIntoASmallCount() {
        String ods = "SD" + NhsNumbers.next().substring(6);
        Reference council = council(ods, "Differencing Borough Council");
        for (int i = 0; i < 7; i++) {
            planBeneathTheRules(ods, council, "2024-05-01");
        }
        planBeneathTheRules(ods, council, "2025-03-31");

        String day = "/fhir/$cpis-statistics?start=2024-04-01&end=2025-03-31&council=" + ods;
        String dayBefore = "/fhir/$cpis-statistics?start=2024-04-01&end=2025-03-30&council=" + ods;
        Response toDay = httpAs("board-admin").get(day);
        Response toDayBefore = httpAs("board-admin").get(dayBefore);

        assertThat(toDay.statusCode())
                .as("board-admin GET " + day + ":\n" + toDay.body().asString())
                .isEqualTo(200);
        if (toDayBefore.statusCode() == 400) {
            assertThat(toDayBefore.body().asString())
                    .as("board-admin GET " + dayBefore)
                    .contains("OperationOutcome");
            return;
        }
        assertThat(toDayBefore.statusCode())
                .as("board-admin GET " + dayBefore + ":\n" + toDayBefore.body().asString())
                .isEqualTo(200);
        Map<String, Integer> later = figures(toDay);
        Map<String, Integer> earlier = figures(toDayBefore);
        List<String> differenced = new ArrayList<>();
        later.forEach((figure, count) -> {
            Integer before = earlier.get(figure);
            if (count != null && before != null && Math.abs(count - before) >= 1 && Math.abs(count - before) <= 4) {
                differenced.add(figure + ": " + before + " to 30 March, " + count + " to 31 March");
            }
        });
        assertThat(differenced)
                .as("figures of the two periods differ by fewer than 5, so their difference is a small count")
                .isEmpty();
        assertThat(later.get("plans-started " + CpisResources.CPP))
                .as("the council's figures are there to compare")
                .isNotNull();
    }

    // ---- finding 10: the CapabilityStatement -------------------------------------------------------------

    @Test
    void theCapabilityStatementOffersOnlyWhatSomePersonaMayDo() {
        Response answer = anonymous().accept(FHIR_JSON).get("/fhir/metadata");
        assertThat(answer.statusCode()).isEqualTo(200);
        String body = answer.body().asString();
        CapabilityStatement capabilities = FHIR.newJsonParser().parseResource(CapabilityStatement.class, body);
        CapabilityStatementRestComponent rest = capabilities.getRestFirstRep();

        List<String> offered = new ArrayList<>();
        rest.getInteraction()
                .forEach(interaction ->
                        offered.add("system " + interaction.getCode().toCode()));
        rest.getOperation().forEach(operation -> offered.add("system $" + operation.getName()));
        for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
            resource.getInteraction()
                    .forEach(interaction -> offered.add(
                            resource.getType() + " " + interaction.getCode().toCode()));
            for (CapabilityStatementRestResourceOperationComponent operation : resource.getOperation()) {
                offered.add(resource.getType() + " $" + operation.getName());
            }
            if (resource.getConditionalDelete() != null
                    && resource.getConditionalDelete() != CapabilityStatement.ConditionalDeleteStatus.NOTSUPPORTED) {
                offered.add(resource.getType() + " conditional-delete");
            }
        }
        List<String> nobodyMay =
                offered.stream().filter(AdversarialSurfaceFindingsIT::nobodyMay).toList();

        assertThat(nobodyMay).as("/fhir/metadata offers what no persona may do").isEmpty();
        assertThat(rest.getSecurity().getService())
                .as("rest.security declares OAuth2")
                .flatExtracting(service -> service.getCoding())
                .extracting(Coding::getCode)
                .contains("OAuth");
        assertThat(body).as("rest.security gives the demo token URL").contains("/oauth2/token");
        assertThat(body).as("/fhir/metadata carries resource counts").doesNotContain("resourceCount");
    }

    /** What the issue found offered although no persona may use it. */
    private static boolean nobodyMay(String offered) {
        String[] typeAndWhat = offered.split(" ", 2);
        String type = typeAndWhat[0];
        String what = typeAndWhat[1];
        return what.equals("patch")
                || what.startsWith("history")
                || what.equals("conditional-delete")
                || what.matches("\\$(expunge|everything|merge|delete-expunge|meta-delete|meta-add)")
                || (type.equals("AuditEvent")
                        && List.of("create", "update", "delete").contains(what))
                || (List.of("Patient", "Flag").contains(type) && what.equals("delete"))
                || (type.equals("Appointment")
                        && List.of("read", "vread", "search-type").contains(what));
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private int storedSubscriptionsWithReason(String reason) {
        return (int) daoRegistry
                .getResourceDao("Subscription")
                .search(SearchParameterMap.newSynchronous(), new SystemRequestDetails())
                .getAllResources()
                .stream()
                .filter(subscription -> reason.equals(((Subscription) subscription).getReason()))
                .count();
    }

    /** An active child protection plan of the council starting on that day, stored beneath the access rules. */
    private void planBeneathTheRules(String ods, Reference council, String start) {
        String nhsNumber = NhsNumbers.next();
        Patient child = CpisResources.child(nhsNumber).setManagingOrganization(new Reference(council.getReference()));
        String childId = daoRegistry
                .getResourceDao("Patient")
                .create(child, new SystemRequestDetails())
                .getId()
                .getIdPart();
        Flag plan = planOf(
                ods, "S-" + nhsNumber, new Reference("Patient/" + childId), new Reference(council.getReference()));
        plan.getPeriod().setStartElement(new DateTimeType(start));
        daoRegistry.getResourceDao("Flag").create(plan, new SystemRequestDetails());
    }

    /** Each figure ("code category") of a statistics answer with its count, null when masked. */
    private static Map<String, Integer> figures(Response answer) {
        Parameters parameters = FHIR.newJsonParser()
                .parseResource(Parameters.class, answer.body().asString());
        Map<String, Integer> figures = new LinkedHashMap<>();
        for (ParametersParameterComponent figure : parameters.getParameter()) {
            if (!figure.getName().equals("figure")) {
                continue;
            }
            String code =
                    part(figure, "code") == null ? "?" : part(figure, "code").primitiveValue();
            ParametersParameterComponent category = figure.getPart().stream()
                    .filter(p -> p.getName().equals("category"))
                    .findFirst()
                    .orElse(null);
            String key = code + (category == null ? "" : " " + ((Coding) category.getValue()).getCode());
            IntegerType count = (IntegerType) part(figure, "count");
            figures.put(key, count != null && count.hasValue() ? count.getValue() : null);
        }
        return figures;
    }

    private static org.hl7.fhir.r4.model.Type part(ParametersParameterComponent figure, String name) {
        return figure.getPart().stream()
                .filter(p -> p.getName().equals(name))
                .map(ParametersParameterComponent::getValue)
                .findFirst()
                .orElse(null);
    }
}
