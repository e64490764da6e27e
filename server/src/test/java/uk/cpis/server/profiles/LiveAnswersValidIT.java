package uk.cpis.server.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.contract.Profiles;
import uk.cpis.server.notifications.NotificationsIT;
import uk.cpis.server.testsupport.CouncilListener;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;
import uk.cpis.server.testsupport.TestCouncil;

/**
 * Every answer the server gives is valid FHIR: each documented workflow is driven against the server as
 * its users drive it, each answer (and each notification as the council's endpoint receives it) is saved
 * as it came, and the official HL7 validator command line (6.5.18, offline, with the CP-IS package)
 * judges all of them in one run. No answer may have an error or a warning unless
 * {@link #OFFLINE_LIMITS} lists it with the reason it stays. Answers and the validator's outcomes
 * are kept in {@code server/target/live-answers/}.
 */
class LiveAnswersValidIT extends PostgresServerTest {

    private static final Logger log = LoggerFactory.getLogger(LiveAnswersValidIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NHS = IdentifierSystems.NHS_NUMBER + "%7C";

    /**
     * The issues that stay, by a fragment of their message, with the reason (mostly what the offline
     * validator cannot check): nothing else may be an error or a warning.
     */
    static final Map<String, String> OFFLINE_LIMITS = Map.ofEntries(
            Map.entry(
                    "[No server available]",
                    "offline (-tx n/a) the validator has no terminology server, so it cannot look up MIME types"
                            + " (CapabilityStatement.format, Subscription.channel.payload); HAPI's validator checks them"),
            Map.entry(
                    "running without terminology services",
                    "offline the validator cannot check SNOMED CT codes (plan types in the statistics)"),
            Map.entry(
                    "CodeSystem 'http://snomed.info/sct' could not be found",
                    "offline the validator has no SNOMED CT; the CP-IS plan-type value set lists the three codes"),
            Map.entry(
                    "CodeSystem 'https://fhir.nhs.uk/CodeSystem/NHSDigital-SDS-JobRoleCode' could not be found",
                    "NHS England's SDS job roles (a clinician's role in an access record) are published by NHS England,"
                            + " not in the CP-IS package"),
            Map.entry(
                    "CodeSystem 'https://hapifhir.io/fhir/CodeSystem/hapi-fhir-storage-response-code' could not be found",
                    "HAPI's codes for a write's result (created, matched, unchanged), documented on the IG's upload page;"
                            + " HAPI publishes them as documentation, not as a CodeSystem resource"),
            Map.entry(
                    "CodeSystem 'https://fhir.nhs.uk/Id/ods-organization-code' could not be found",
                    "a Subscription's owner tag is the council's ODS code, in the ODS identifier system (a NamingSystem"
                            + " of the package), not a CodeSystem"),
            Map.entry(
                    "CodeSystem 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType' could not be found",
                    "IHE BALP's entity type XrequestId, for the request's trace id in an access record (national API"
                            + " parity): published by IHE in the BALP package, not in the CP-IS package; AuditEvent.entity.type"
                            + " is an extensible binding and the R4 value set has no code for a transport id"),
            Map.entry(
                    "dom-6",
                    "the server writes no narrative: the structured data is the record, and a narrative would be a"
                            + " second copy of patient data to keep right"),
            Map.entry(
                    "StructureDefinition/operationoutcome-issue-line' does not resolve",
                    "the line and column of a $validate issue are extensions of the HL7 extensions package, which the"
                            + " offline validator has only as an empty placeholder"),
            Map.entry(
                    "StructureDefinition/operationoutcome-issue-col' does not resolve",
                    "as operationoutcome-issue-line"));

    private final Map<String, String> answers = new LinkedHashMap<>();

    @Test
    void everyAnswerOfEveryWorkflowIsValidFhir() throws Exception {
        uploads();
        lookUpsAndHistory();
        notifications();
        registerAndOperations();
        refusals();

        Path directory = Path.of(System.getProperty("cpis.liveAnswers"));
        Path inputs = writeAnswers(directory);
        Map<String, List<String>> errors = new TreeMap<>();
        Map<String, List<String>> warnings = new TreeMap<>();
        validate(directory, inputs, errors, warnings);

        log.info("HL7 validator judged {} live answers of {} kinds", answers.size(), kinds());
        assertThat(errors.keySet())
                .as("every answer validated")
                .containsAll(
                        answers.keySet().stream().map(name -> name + ".json").toList());
        assertThat(errors)
                .allSatisfy((file, found) ->
                        assertThat(unexplained(found)).as(file + " errors").isEmpty());
        assertThat(warnings)
                .allSatisfy((file, found) ->
                        assertThat(unexplained(found)).as(file + " warnings").isEmpty());
    }

    // ---- the workflows -----------------------------------------------------------------------------

    private void uploads() throws Exception {
        String sample =
                Files.readString(Path.of(System.getProperty("cpis.testData"), "bundles", "04-medway-plans.json"));
        keep(
                "upload-transaction-response",
                httpAs("la-medway")
                        .contentType("application/fhir+json")
                        .body(sample)
                        .post("/fhir"),
                200);
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        Patient good = CpisResources.child(NhsNumbers.next());
        batch.addEntry()
                .setResource(good)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        Patient bad = CpisResources.child("9434765918");
        batch.addEntry()
                .setResource(bad)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        keep(
                "upload-batch-response-with-refused-entry",
                httpAs("la-medway")
                        .contentType("application/fhir+json")
                        .body(FHIR.newJsonParser().encodeResourceToString(batch))
                        .post("/fhir"),
                200);
        Bundle transaction = batch.copy().setType(Bundle.BundleType.TRANSACTION);
        keep(
                "upload-transaction-refused",
                httpAs("la-medway")
                        .contentType("application/fhir+json")
                        .body(FHIR.newJsonParser().encodeResourceToString(transaction))
                        .post("/fhir"),
                422);
        String invalid = Files.readString(
                Path.of(System.getProperty("cpis.testData"), "invalid", "nhs-number-not-verified.json"));
        keep(
                "upload-invalid-sample",
                httpAs("la-medway")
                        .contentType("application/fhir+json")
                        .body(invalid)
                        .post("/fhir"),
                422);
    }

    private void lookUpsAndHistory() {
        String child = NhsNumbers.next();
        uploadPlan(TestCouncil.MEDWAY, child, CpisResources.CPP, plan -> {});
        keep("lookup-flag-first", httpAs("ed-clinician").get(NotificationsIT.lookUp(child)), 200);
        keep("lookup-cpis-lookup", httpAs("ed-RHW").get("/fhir/Patient/$cpis-lookup?identifier=" + NHS + child), 200);
        // the third care setting makes a repeat-attendance pattern: every look-up now carries the warning
        keep("lookup-flag-repeat-attendance", httpAs("gp").get(NotificationsIT.lookUp(child)), 200);
        keep(
                "lookup-careteam-repeat-attendance",
                httpAs("ed-clinician").get("/fhir/CareTeam?patient:identifier=" + NHS + child),
                200);
        keep(
                "lookup-cpis-lookup-repeat-attendance",
                httpAs("ed-RHW").get("/fhir/Patient/$cpis-lookup?identifier=" + NHS + child),
                200);
        keep(
                "lookup-access-history",
                httpAs("ed-clinician").get("/fhir/AuditEvent?patient.identifier=" + NHS + child),
                200);
        String unknown = NhsNumbers.next();
        keep("lookup-flag-unknown-child", httpAs("ed-clinician").get(NotificationsIT.lookUp(unknown)), 200);
        keep(
                "lookup-cpis-lookup-unknown-child",
                httpAs("ed-clinician").get("/fhir/Patient/$cpis-lookup?identifier=" + NHS + unknown),
                200);
    }

    private void notifications() {
        try (CouncilListener listener = CouncilListener.start()) {
            String subscription = httpAs("la-medway")
                    .contentType("application/fhir+json")
                    .body(NotificationsIT.subscription(
                            "la-medway", "AuditEvent?responsible-la=00LC", listener.endpoint()))
                    .post("/fhir/Subscription")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            try {
                String child = NhsNumbers.next();
                uploadPlan(TestCouncil.MEDWAY, child, CpisResources.CPP, plan -> {});
                httpAs("ed-clinician").get(NotificationsIT.lookUp(child)).then().statusCode(200);
                answers.put(
                        "notification-pushed",
                        listener.await(CouncilListener.about(child), 1, NotificationsIT.ARRIVAL)
                                .get(0)
                                .body());
                keep(
                        "notifications-pulled",
                        httpAs("la-medway").get("/fhir/AuditEvent?responsible-la=00LC&_count=10"),
                        200);
                keep("subscription-read", httpAs("la-medway").get("/fhir/Subscription/" + subscription), 200);
            } finally {
                httpAs("la-medway").delete("/fhir/Subscription/" + subscription);
            }
        }
    }

    private void registerAndOperations() {
        keep("metadata", anonymous().get("/fhir/metadata"), 200);
        keep(
                "signatory",
                httpAs("ed-clinician")
                        .get("/fhir/Organization/$cpis-signatory?identifier=" + IdentifierSystems.ODS_CODE + "%7C00LC"),
                200);
        YearMonth lastMonth = YearMonth.now().minusMonths(1);
        keep(
                "statistics",
                httpAs("board-admin").get("/fhir/$cpis-statistics?start=" + lastMonth + "&end=" + lastMonth),
                200);
        keep(
                "organisation-search",
                httpAs("board-admin").get("/fhir/Organization?identifier=" + IdentifierSystems.ODS_CODE + "%7C00LC"),
                200);
        keep(
                "validate",
                httpAs("la-medway")
                        .contentType("application/fhir+json")
                        .body(FHIR.newJsonParser().encodeResourceToString(CpisResources.child(NhsNumbers.next())))
                        .post("/fhir/Patient/$validate?profile=" + Profiles.PATIENT),
                200);
    }

    private void refusals() {
        keep("refused-401", anonymous().get(NotificationsIT.lookUp(NhsNumbers.next())), 401);
        keep("refused-403", httpAs("ed-clinician").get("/fhir/Flag"), 403);
        keep("refused-404", httpAs("la-medway").get("/fhir/Flag/999999999"), 404);
        keep(
                "refused-413",
                httpAs("la-medway")
                        .contentType("application/fhir+json")
                        .body("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"id\":\"" + "x".repeat(2_000_000)
                                + "\"}")
                        .post("/fhir"),
                413);
        keep(
                "refused-422",
                httpAs("la-medway")
                        .contentType("application/fhir+json")
                        .body(FHIR.newJsonParser().encodeResourceToString(CpisResources.child("9434765918")))
                        .post("/fhir/Patient"),
                422);
        // the parameters both in the URL and in a Parameters body
        String child = NHS + NhsNumbers.next();
        keep(
                "refused-400",
                httpAs("ed-clinician")
                        .contentType("application/fhir+json")
                        .body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"identifier\","
                                + "\"valueString\":\"" + child.replace("%7C", "|") + "\"}]}")
                        .post("/fhir/Patient/$cpis-lookup?identifier=" + child),
                400);
    }

    private void keep(String name, Response response, int status) {
        assertThat(response.statusCode())
                .as(name + ": " + response.body().asString())
                .isEqualTo(status);
        answers.put(name, response.body().asString());
        assertThat(response.body().asString())
                .as(name + ": no message template left unfilled")
                .doesNotContain("{0}", "{1}");
    }

    // ---- the validator -----------------------------------------------------------------------------

    private Path writeAnswers(Path directory) throws Exception {
        if (Files.exists(directory)) {
            try (Stream<Path> old = Files.walk(directory)) {
                old.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        Path inputs = Files.createDirectories(directory.resolve("answers"));
        for (Map.Entry<String, String> answer : answers.entrySet()) {
            assertThat(JSON.readTree(answer.getValue()).has("resourceType"))
                    .as(answer.getKey() + " is a FHIR resource")
                    .isTrue();
            Files.writeString(inputs.resolve(answer.getKey() + ".json"), answer.getValue());
        }
        return inputs;
    }

    private static void validate(
            Path directory, Path inputs, Map<String, List<String>> errors, Map<String, List<String>> warnings)
            throws Exception {
        Path profiles = Path.of(System.getProperty("cpis.profilesTarget"));
        Path validator = profiles.resolve("hl7-validator");
        Path preparedHome = validator.resolve("run/home");
        Path packageTgz = profiles.resolve("classes/cpis-package/package.tgz");
        assertThat(preparedHome.resolve(".fhir/packages/packages.ini"))
                .as(
                        "the profiles module's Hl7ValidatorCliTest prepares the validator's package cache: build profiles first")
                .exists();
        Path home = directory.resolve("home");
        try (Stream<Path> files = Files.walk(preparedHome)) {
            for (Path from : files.toList()) {
                Path to = home.resolve(preparedHome.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        Path output = directory.resolve("outcomes.json");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Duser.home=" + home,
                        "-Xmx1g",
                        "-cp",
                        validator.resolve("lib") + "/*",
                        "org.hl7.fhir.validation.ValidatorCli",
                        inputs.toString(),
                        "-version",
                        "4.0.1",
                        "-ig",
                        packageTgz.toString(),
                        "-tx",
                        "n/a",
                        "-output",
                        output.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("validator.log").toFile())
                .start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES))
                .as("the HL7 validator finished")
                .isTrue();
        assertThat(output)
                .as("the HL7 validator's outcome; see " + directory.resolve("validator.log"))
                .exists();
        JsonNode outcomes = JSON.readTree(output.toFile());
        List<JsonNode> each = new ArrayList<>();
        if ("Bundle".equals(outcomes.path("resourceType").asText())) {
            outcomes.path("entry").forEach(entry -> each.add(entry.path("resource")));
        } else {
            each.add(outcomes);
        }
        for (JsonNode outcome : each) {
            String file = "";
            for (JsonNode extension : outcome.path("extension")) {
                if (extension.path("url").asText().endsWith("operationoutcome-file")) {
                    file = Path.of(extension.path("valueString").asText())
                            .getFileName()
                            .toString();
                }
            }
            List<String> fileErrors = errors.computeIfAbsent(file, name -> new ArrayList<>());
            List<String> fileWarnings = warnings.computeIfAbsent(file, name -> new ArrayList<>());
            for (JsonNode issue : outcome.path("issue")) {
                String text = issue.path("expression").toString() + " "
                        + issue.path("details").path("text").asText();
                switch (issue.path("severity").asText()) {
                    case "error", "fatal" -> fileErrors.add(text);
                    case "warning" -> fileWarnings.add(text);
                    default -> {}
                }
            }
        }
    }

    private static List<String> unexplained(List<String> issues) {
        return issues.stream()
                .filter(issue -> OFFLINE_LIMITS.keySet().stream().noneMatch(issue::contains))
                .toList();
    }

    private long kinds() {
        return answers.keySet().stream()
                .map(name -> name.split("-")[0])
                .distinct()
                .count();
    }
}
