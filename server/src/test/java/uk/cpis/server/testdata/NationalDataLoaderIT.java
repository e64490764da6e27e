package uk.cpis.server.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Flag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Extensions;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.testsupport.PostgresServerTest;

/**
 * The national-scale generator and loader of {@code test-data/generator/}, as a tester runs them
 * (Node, over HTTP, with the demo personas' tokens): a small national set (150 people, 4 councils) is generated, one plan is
 * spoiled so the server refuses it, and the set is loaded three times. The first load stores all
 * but that plan and names it with its reject reason; once the plan is mended, the second load
 * stores just that plan; the third stores nothing. What is stored is checked beneath the access
 * rules, and as each council sees it.
 */
class NationalDataLoaderIT extends PostgresServerTest {

    static final String SNOMED = CodeSystems.SNOMED;
    static final String CPP = "342191000000101";
    static final String LAC = "764841000000100";
    static final String UCPP = "818901000000100";
    static final String LEGAL_STATUS = Extensions.LOOKED_AFTER_LEGAL_STATUS;
    static final String ODS = IdentifierSystems.ODS_CODE;
    static final String NHS_NUMBER = IdentifierSystems.NHS_NUMBER;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void generatedNationalDataLoadsCompletelyReportsRefusalsAndIsNeverStoredTwice() throws Exception {
        // a fresh seed and ODS prefix each run; the 998 block keeps these children apart from other tests'
        Random random = new Random();
        String seed = "it-" + Long.toHexString(random.nextLong());
        String odsPrefix = "Q" + (char) ('A' + random.nextInt(26));
        String run = "seed " + seed + ", ODS prefix " + odsPrefix;
        Path data = work.resolve("data");
        node(
                        run,
                        "generate.mjs",
                        "--out",
                        data.toString(),
                        "--seed",
                        seed,
                        "--ods-prefix",
                        odsPrefix,
                        "--nhs-prefix",
                        "998",
                        "--children",
                        "150",
                        "--councils",
                        "4",
                        "--care-settings",
                        "8",
                        "--batch",
                        "25")
                .expectExit(0);
        JsonNode manifest = JSON.readTree(data.resolve("manifest.json").toFile());
        JsonNode counts = manifest.get("counts");
        int people = counts.get("people").asInt();
        int plans = counts.path("plans").get("total").asInt();
        int organisations = counts.get("councils").asInt()
                + counts.path("careSettings").get("total").asInt();
        assertThat(people).as(run).isEqualTo(150);
        assertThat(organisations).as(run).isEqualTo(12);

        // spoil one plan: it ends before it starts
        JsonNode plansPhase = null;
        for (JsonNode phase : manifest.get("phases")) {
            if (phase.get("name").asText().equals("plans")) {
                plansPhase = phase;
            }
        }
        assertThat(plansPhase).as(run).isNotNull();
        Path spoiltFile =
                data.resolve(plansPhase.get("files").get(0).get("file").asText());
        String original = Files.readString(spoiltFile);
        JsonNode bundle = JSON.readTree(original);
        JsonNode spoiltEntry = null;
        for (JsonNode entry : bundle.get("entry")) {
            if (entry.path("resource").path("resourceType").asText().equals("Flag")) {
                spoiltEntry = entry;
                break;
            }
        }
        assertThat(spoiltEntry).as("a plan in " + spoiltFile).isNotNull();
        String spoiltPlan = spoiltEntry
                .path("resource")
                .path("identifier")
                .get(0)
                .get("value")
                .asText();
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                        spoiltEntry.get("resource").get("period"))
                .put("start", "2025-06-02")
                .put("end", "2025-06-01");
        Files.writeString(spoiltFile, JSON.writeValueAsString(bundle));

        // 1: everything but the spoilt plan is stored; the plan is named with its reason
        Result first = load(run, data, "first");
        first.expectExit(1);
        JsonNode firstReport = first.report();
        assertThat(firstReport.get("failed").asInt()).as(first.describe()).isEqualTo(1);
        JsonNode failure = firstReport.get("failures").get(0);
        assertThat(failure.get("record").asText()).isEqualTo("Flag " + spoiltPlan);
        assertThat(failure.get("reason").asText()).isEqualTo("invalid-dates");
        assertThat(failure.get("status").asInt()).isEqualTo(422);
        assertThat(first.output()).contains(spoiltPlan, "invalid-dates");
        assertThat(created(firstReport, "Organization")).as(first.describe()).isEqualTo(organisations);
        assertThat(created(firstReport, "PractitionerRole"))
                .as(first.describe())
                .isEqualTo(organisations);
        assertThat(created(firstReport, "Group")).as(first.describe()).isEqualTo(1);
        // each council holds its own record of a child: a child with plans at two councils is two Patients
        int councilRecords = 0;
        for (JsonNode council : manifest.get("councils")) {
            councilRecords += council.get("people").asInt();
        }
        assertThat(councilRecords).as(run).isGreaterThanOrEqualTo(people);
        assertThat(created(firstReport, "Patient")).as(first.describe()).isEqualTo(councilRecords);
        assertThat(created(firstReport, "Flag")).as(first.describe()).isEqualTo(plans - 1);
        assertThat(storedPlans(manifest).size()).as(run).isEqualTo(plans - 1);

        // 2: the mended plan, and nothing else, is stored on the next run
        Files.writeString(spoiltFile, original);
        Result second = load(run, data, "second");
        second.expectExit(0);
        assertThat(second.report().get("failed").asInt()).isZero();
        assertThat(second.report().get("created").toString())
                .as(second.describe())
                .isEqualTo("{\"Flag\":1}");

        // 3: a run over complete data creates nothing
        Result third = load(run, data, "third");
        third.expectExit(0);
        assertThat(third.report().get("created").size()).as(third.describe()).isZero();
        assertThat(third.report().get("processed").asInt())
                .isEqualTo(third.report().get("resources").asInt());

        // what is stored, beneath the access rules, is exactly what was generated
        List<Flag> stored = storedPlans(manifest);
        assertThat(stored).as(run).hasSize(plans);
        assertThat(count(stored, plan -> hasCode(plan, CPP)))
                .isEqualTo(counts.path("plans").get("CPP").asInt());
        assertThat(count(stored, plan -> hasCode(plan, LAC)))
                .isEqualTo(counts.path("plans").get("LAC").asInt());
        assertThat(count(stored, plan -> hasCode(plan, UCPP)))
                .isEqualTo(counts.path("plans").get("UCPP").asInt());
        assertThat(count(
                        stored,
                        plan -> plan.getStatus() == Flag.FlagStatus.INACTIVE
                                && plan.getPeriod().hasEnd()))
                .isEqualTo(counts.path("plans").get("ended").asInt());
        assertThat(count(stored, plan -> plan.hasExtension(LEGAL_STATUS)))
                .isEqualTo(counts.path("plans").get("LAC").asInt());
        List<String> nhsNumbers = Files.readAllLines(data.resolve("nhs-numbers/flagged.txt"));
        TokenOrListParam anyOfThem = new TokenOrListParam();
        nhsNumbers.forEach(number -> anyOfThem.addOr(new TokenParam(NHS_NUMBER, number)));
        assertThat(storedPatients(new SearchParameterMap().add("identifier", anyOfThem)))
                .as(run)
                .isEqualTo(councilRecords);

        // and each council, through the FHIR API, sees its own plans and children, no more
        for (JsonNode council : manifest.get("councils")) {
            String persona = "la-" + council.get("ods").asText();
            assertThat(total(persona, "/fhir/Flag?_summary=count"))
                    .as(persona + " plans")
                    .isEqualTo(council.get("plans").asInt());
            assertThat(total(persona, "/fhir/Patient?_summary=count"))
                    .as(persona + " children")
                    .isEqualTo(council.get("people").asInt());
        }
    }

    private int total(String persona, String search) {
        return httpAs(persona)
                .get(search)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getInt("total");
    }

    private static long count(List<Flag> plans, java.util.function.Predicate<Flag> which) {
        return plans.stream().filter(which).count();
    }

    private static boolean hasCode(Flag plan, String code) {
        return plan.getCode().getCoding().stream()
                .anyMatch(coding -> SNOMED.equals(coding.getSystem()) && code.equals(coding.getCode()));
    }

    private static int created(JsonNode report, String type) {
        return report.path("created").path(type).asInt(0);
    }

    /** Every stored plan of the generated councils, whoever may see it. */
    private List<Flag> storedPlans(JsonNode manifest) {
        List<Flag> plans = new ArrayList<>();
        for (JsonNode council : manifest.get("councils")) {
            List<IBaseResource> organisation = daoRegistry
                    .getResourceDao("Organization")
                    .search(
                            SearchParameterMap.newSynchronous()
                                    .add(
                                            "identifier",
                                            new TokenParam(
                                                    ODS, council.get("ods").asText())),
                            new SystemRequestDetails())
                    .getAllResources();
            assertThat(organisation).as(council.get("ods").asText()).hasSize(1);
            String reference =
                    "Organization/" + organisation.get(0).getIdElement().getIdPart();
            daoRegistry
                    .getResourceDao("Flag")
                    .search(
                            SearchParameterMap.newSynchronous().add("author", new ReferenceParam(reference)),
                            new SystemRequestDetails())
                    .getAllResources()
                    .forEach(plan -> plans.add((Flag) plan));
        }
        return plans;
    }

    private Result load(String run, Path data, String name) throws Exception {
        Path report = work.resolve(name + "-report.json");
        return node(
                        run + ", " + name + " load",
                        "load.mjs",
                        "--server",
                        serverRoot(),
                        "--data",
                        data.toString(),
                        "--concurrency",
                        "4",
                        "--report",
                        report.toString(),
                        "--no-progress")
                .withReport(report);
    }

    private Result node(String what, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("node", generatorDirectory().resolve(script).toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(work, "node-", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        // generous: this only catches a loader that hangs; a load takes seconds on an idle machine
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(what + ": " + script + " did not finish in 300 s:\n" + Files.readString(output));
        }
        return new Result(what, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), null);
    }

    /** test-data/generator/, found from the server module (Maven) or the repository root (an IDE). */
    private static Path generatorDirectory() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path candidate : List.of(here.resolve("../test-data/generator"), here.resolve("test-data/generator"))) {
            if (Files.exists(candidate.resolve("generate.mjs"))) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("test-data/generator/generate.mjs not found from " + here);
    }

    private record Result(String what, int exit, String output, Path reportFile) {

        Result withReport(Path report) {
            return new Result(what, exit, output, report);
        }

        String describe() {
            return what + " (exit " + exit + "):\n" + output;
        }

        void expectExit(int expected) {
            assertThat(exit).as(describe()).isEqualTo(expected);
        }

        JsonNode report() throws IOException {
            assertThat(reportFile).as(describe()).exists();
            return JSON.readTree(reportFile.toFile());
        }
    }
}
