package uk.cpis.server.plans;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;

/** The same upload sent many times at once stores one child and one plan, and every request succeeds. */
class ParallelUploadsIT extends PostgresServerTest {

    static final int PARALLEL = 8;

    @Test
    void parallelUploadsOfTheSameChildCreateNoDuplicates() throws Exception {
        council(TestCouncil.MEDWAY);
        for (int round = 0; round < 3; round++) {
            String nhsNumber = NhsNumbers.next();
            String planId = "P-" + NhsNumbers.next();
            // two ways a council's system may upsert the child: a conditional create and a conditional update
            String create = FHIR.newJsonParser().encodeResourceToString(upload(nhsNumber, planId, false));
            String update = FHIR.newJsonParser().encodeResourceToString(upload(nhsNumber, planId, true));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
            List<Future<Response>> responses = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                String upload = i % 2 == 0 ? create : update;
                Callable<Response> send = () -> {
                    start.await();
                    return http().contentType("application/fhir+json")
                            .body(upload)
                            .post("/fhir");
                };
                responses.add(pool.submit(send));
            }
            start.countDown();
            for (Future<Response> response : responses) {
                Response answer = response.get();
                assertThat(answer.statusCode()).as(answer.body().asString()).isEqualTo(200);
            }
            pool.shutdown();

            assertThat(storedPatientsWith(nhsNumber))
                    .as("one child, round " + round)
                    .isOne();
            assertThat(daoRegistry
                            .getResourceDao("Flag")
                            .searchForResourceIds(
                                    SearchParameterMap.newSynchronous()
                                            .add(
                                                    "identifier",
                                                    new TokenParam("https://fhir.cpis.uk/Id/la-plan-id/00LC", planId)),
                                    new SystemRequestDetails()))
                    .as("one plan, round " + round)
                    .hasSize(1);
        }
    }

    @Test
    void aSecondChildWithTheSameNhsNumberIsRefusedWhateverTheRequest() {
        String nhsNumber = NhsNumbers.next();
        String child = FHIR.newJsonParser().encodeResourceToString(CpisResources.child(nhsNumber));
        assertThat(http().contentType("application/fhir+json")
                        .body(child)
                        .post("/fhir/Patient")
                        .statusCode())
                .isEqualTo(201);

        Response duplicate =
                http().contentType("application/fhir+json").body(child).post("/fhir/Patient");

        assertThat(duplicate.statusCode()).as(duplicate.body().asString()).isEqualTo(409);
        assertThat(duplicate.body().asString()).contains("OperationOutcome", "duplicate");
        assertThat(storedPatientsWith(nhsNumber)).isOne();
    }

    private static Bundle upload(String nhsNumber, String planId, boolean conditionalUpdate) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String childUrl = "urn:uuid:" + java.util.UUID.randomUUID();
        Bundle.BundleEntryRequestComponent childRequest = bundle.addEntry()
                .setFullUrl(childUrl)
                .setResource(CpisResources.child(nhsNumber))
                .getRequest();
        if (conditionalUpdate) {
            childRequest
                    .setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl("Patient?identifier=" + CpisResources.NHS_NUMBER + "|" + nhsNumber);
        } else {
            childRequest
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Patient")
                    .setIfNoneExist("identifier=" + CpisResources.NHS_NUMBER + "|" + nhsNumber);
        }
        Flag plan = CpisResources.plan(
                CpisResources.CPP,
                "00LC",
                planId,
                new Reference(childUrl),
                new Reference("Organization?identifier=" + CpisResources.ODS + "|00LC"));
        bundle.addEntry()
                .setResource(plan)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Flag")
                .setIfNoneExist("identifier=https://fhir.cpis.uk/Id/la-plan-id/00LC|" + planId);
        return bundle;
    }
}
