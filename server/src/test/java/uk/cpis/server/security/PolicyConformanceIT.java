package uk.cpis.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.security.PolicyCase.Target;
import uk.cpis.server.security.PolicyCases.ListedOperation;
import uk.cpis.server.security.PolicyWorld.Marker;
import uk.cpis.server.security.PolicyWorld.Seeded;
import uk.cpis.server.testsupport.CouncilListener;
import uk.cpis.server.testsupport.CpisResources;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;

/**
 * The policy conformance suite (issue 14): thousands of requests generated from the personas, the
 * server's own CapabilityStatement and the interaction families ({@link PolicyCases}), each aimed at
 * the caller's own record, another party's record and an id that does not exist, and held to four
 * properties:
 * <ol>
 * <li><b>no leak</b>: no answer (body or headers, Location and Content-Location included) carries a marker
 * the persona may not see ({@link PolicyWorld}), unless the request itself carried it;
 * <li><b>no foreign change</b>: after every request that may write, each seeded record of another party
 * is read beneath the rules and compared (version id and JSON) with what it was; the whole store of
 * seeded records is compared again at the end;
 * <li><b>indistinguishable refusals</b>: a request aimed at a record the caller may not read answers
 * exactly as its twin aimed at an unknown id (status, OperationOutcome diagnostics with the ids
 * replaced, and for a Bundle its total and number of entries);
 * <li><b>never a server error</b> (no 5xx), and the statuses issue 14 decides whatever the record (PATCH,
 * history, conditional delete, {@code If-None-Match}, {@code _has}, {@code _revinclude}… are 403).
 * </ol>
 * All failures are collected and reported together, each with persona, method, URL, headers and what
 * leaked or changed; the full list is also written to {@code target/policy-conformance-failures.txt}.
 */
class PolicyConformanceIT extends PostgresServerTest {

    private static final Logger log = LoggerFactory.getLogger(PolicyConformanceIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The CP-IS types, covered even if the CapabilityStatement stops listing one. */
    private static final List<String> CPIS_TYPES = List.of(
            "Patient",
            "Flag",
            "AuditEvent",
            "Organization",
            "Group",
            "PractitionerRole",
            "Practitioner",
            "Subscription",
            "Appointment",
            "CareTeam");

    private static final String TAG_SYSTEM = CodeSystems.NOTIFICATION_TAG;
    private static final int MINIMUM_CASES = 2_000;
    private static final int THREADS = 4;

    @Value("${cpis.security.demo.issuer}")
    String demoIssuer;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<CouncilListener> listeners = new ArrayList<>();
    private final List<String> subscriptions = new ArrayList<>();
    /** X-Request-ID of each case sent, to trace a stored version to the case that wrote it. */
    private final Map<String, PolicyCase> byRequestId = new ConcurrentHashMap<>();

    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    /** Markers some persona allowed to see them was shown: proof that the leak check looks where records show. */
    private final Set<String> seenMarkers = ConcurrentHashMap.newKeySet();
    /** Versions written during the run and traced to a case: proof that the change check sees writes. */
    private final java.util.concurrent.atomic.AtomicInteger tracedVersions =
            new java.util.concurrent.atomic.AtomicInteger();

    /** What one case got back. */
    record Answer(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> String.join(", ", entry.getValue()))
                    .findFirst()
                    .orElse(null);
        }

        String text() {
            StringBuilder text = new StringBuilder(body);
            headers.forEach((name, values) ->
                    text.append('\n').append(name).append(": ").append(String.join(", ", values)));
            return text.toString();
        }
    }

    @AfterEach
    void cleanUp() {
        for (String subscription : subscriptions) {
            try {
                daoRegistry
                        .getResourceDao("Subscription")
                        .delete(new org.hl7.fhir.r4.model.IdType(subscription), new SystemRequestDetails());
            } catch (RuntimeException alreadyGone) {
                // deleted by its council during the run
            }
        }
        listeners.forEach(CouncilListener::close);
    }

    @Test
    void everyPersonaGetsOnlyWhatThePolicyAllowsOnEveryInteraction() throws Exception {
        Instant started = Instant.now();
        PolicyWorld world = seed();
        Map<String, String> storedJson = new LinkedHashMap<>();
        world.records().forEach(record -> storedJson.put(record.key(), storedJson(record)));
        JsonNode metadata = JSON.readTree(
                send("anonymous", "GET", "/fhir/metadata", Map.of(), null).body());
        List<PolicyCase> cases = new ArrayList<>(
                new PolicyCases(world, storedJson, recordValues, types(metadata), listedOperations(metadata))
                        .generate());
        cases.addAll(pagingReplays(world));

        log.info(
                "Policy conformance: {} cases generated; per family: {}",
                cases.size(),
                cases.stream()
                        .collect(Collectors.groupingBy(
                                c -> c.family().replaceAll(" .*", ""), TreeMap::new, Collectors.counting())));
        Map<String, String> before = snapshot(world);
        Date runStart = new Date();
        Map<PolicyCase, Answer> answers = run(world, cases);
        comparePairs(cases, answers);
        checkNoForeignChange(world, before, runStart, answers);

        log.info(
                "Policy conformance: {} cases ({} personas, {} families, {} failures) in {} s",
                answers.size(),
                PolicyWorld.PERSONAS.size(),
                cases.stream().map(PolicyCase::family).distinct().count(),
                failures.size(),
                Duration.between(started, Instant.now()).toSeconds());
        selfChecks(world, answers.size());
        report();
        assertThat(answers).hasSizeGreaterThanOrEqualTo(MINIMUM_CASES);
    }

    /** The suite must be able to fail: it saw what it looks for, and enough of it. */
    private void selfChecks(PolicyWorld world, int cases) {
        if (cases < MINIMUM_CASES) {
            failures.add("[self-check] only " + cases + " cases ran (at least " + MINIMUM_CASES + ")");
        }
        for (Marker marker : world.markers()) {
            boolean mustShow =
                    marker.record().endsWith(".child") || marker.record().endsWith(".plan-entered-in-error");
            if (mustShow && !seenMarkers.contains(marker.value())) {
                failures.add("[self-check] no case showed " + marker.value() + " (" + marker.record() + ") even to "
                        + marker.seenBy() + ": the leak check would look where records never show");
            }
        }
        if (tracedVersions.get() == 0) {
            failures.add(
                    "[self-check] no version written during the run was traced to its case (the councils delete their own"
                            + " Subscriptions last): the change check would see no write");
        }
        log.info(
                "Policy conformance self-checks: {} markers shown to their owners, {} versions traced to their cases",
                seenMarkers.size(),
                tracedVersions.get());
    }

    // ------------------------------------------------------------------------------------------ seed

    private final Map<String, Map<String, String>> recordValues = new LinkedHashMap<>();

    /**
     * Per council a child, an active plan, an entered-in-error plan, a Subscription with a secret header
     * and a missed Appointment recorded by a clinician (with its AuditEvent), each carrying unique
     * markers; and the register's council Organizations, the sharing agreement and one PractitionerRole
     * and Practitioner, as stored.
     */
    private PolicyWorld seed() {
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        List<Seeded> records = new ArrayList<>();
        List<Marker> markers = new ArrayList<>();
        Map<String, String> organisations = new LinkedHashMap<>();
        Map<String, String> councilNames = Map.of("medway", "Medway Council", "reading", "Reading Borough Council");
        for (String council : List.of("medway", "reading")) {
            String persona = "la-" + council;
            String ods = PolicyWorld.ODS_OF.get(council);
            String mark = "MK" + council.toUpperCase(Locale.ROOT);
            Set<String> councilOnly = Set.of(persona);
            Set<String> councilAndClinicians = Set.of(persona, "ed-clinician", "gp");
            Reference organisation = council(ods, councilNames.get(council));
            organisations.put(council, organisation.getReference());
            records.add(registerRecord(
                    council + ".council",
                    "Organization",
                    organisation.getReferenceElement().getIdPart(),
                    PolicyCases.ODS + "|" + ods,
                    "type=local-authority",
                    Map.of()));

            String nhs = NhsNumbers.next();
            Patient child = CpisResources.child(nhs);
            String family = mark + "CHILD" + run;
            child.getNameFirstRep().setFamily(family);
            String childId = seedCreate(persona, child);
            Reference childReference = new Reference("Patient/" + childId);
            records.add(owned(
                    council + ".child",
                    "Patient",
                    childId,
                    council,
                    PolicyCases.NHS + "|" + nhs,
                    "gender=female",
                    List.of(),
                    Map.of("nhs", nhs, "family", family, "tag", PolicyCases.ODS + "|" + ods)));
            markers.add(new Marker(family, council + ".child", councilAndClinicians));
            markers.add(new Marker(nhs, council + ".child", councilAndClinicians));

            for (String status : List.of("active", "entered-in-error")) {
                String planId = mark + (status.equals("active") ? "PLANACT" : "PLANEIE") + run;
                Flag plan = CpisResources.plan(CpisResources.CPP, ods, planId, childReference, organisation);
                plan.setStatus(Flag.FlagStatus.fromCode(status));
                String planKey = council + (status.equals("active") ? ".plan-active" : ".plan-entered-in-error");
                String planRecordId = seedCreate(persona, plan);
                records.add(owned(
                        planKey,
                        "Flag",
                        planRecordId,
                        council,
                        IdentifierSystems.PLAN_ID_PREFIX + ods + "|" + planId,
                        "status=" + status,
                        List.of(childReference.getReference()),
                        Map.of(
                                "nhs",
                                nhs,
                                "subject",
                                childReference.getReference(),
                                "tag",
                                PolicyCases.ODS + "|" + ods)));
                markers.add(new Marker(planId, planKey, status.equals("active") ? councilAndClinicians : councilOnly));
            }

            CouncilListener listener = CouncilListener.start();
            listeners.add(listener);
            String endpoint = listener.endpoint() + "/" + mark + "ENDPOINT" + run;
            String reason = mark + "SUBREASON" + run;
            String secret = mark + "SECRET" + run;
            Answer subscribed = send(
                    persona,
                    "POST",
                    "/fhir/Subscription",
                    Map.of("Content-Type", "application/fhir+json"),
                    "{\"resourceType\":\"Subscription\",\"status\":\"requested\",\"reason\":\"" + reason
                            + "\",\"criteria\":"
                            + "\"AuditEvent?responsible-la=" + ods
                            + "\",\"channel\":{\"type\":\"rest-hook\",\"endpoint\":\""
                            + endpoint + "\",\"payload\":\"application/fhir+json\",\"header\":[\"Authorization: Bearer "
                            + secret
                            + "\"]}}");
            assertThat(subscribed.status())
                    .as("seeding %s's Subscription: %s", council, subscribed.body())
                    .isEqualTo(201);
            String subscriptionId = idFromLocation(subscribed);
            subscriptions.add("Subscription/" + subscriptionId);
            String subscriptionStatus = storedStatus("Subscription", subscriptionId);
            records.add(owned(
                    council + ".subscription",
                    "Subscription",
                    subscriptionId,
                    council,
                    "urn:cpis:conformance|" + council + "-subscription",
                    "status=" + subscriptionStatus,
                    List.of(),
                    Map.of("endpoint", endpoint, "tag", PolicyCases.ODS + "|" + ods)));
            markers.add(new Marker(reason, council + ".subscription", councilOnly));
            markers.add(new Marker(mark + "ENDPOINT" + run, council + ".subscription", councilOnly));
            markers.add(new Marker(secret, council + ".subscription", Set.of()));

            String appointmentText = "Paediatric outpatients " + mark + "APPT" + run;
            Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            Answer recorded = send(
                    "ed-clinician",
                    "POST",
                    "/fhir/Appointment",
                    Map.of("Content-Type", "application/fhir+json"),
                    "{\"resourceType\":\"Appointment\",\"status\":\"noshow\",\"serviceType\":[{\"text\":\""
                            + appointmentText
                            + "\"}],\"start\":\"" + start + "\",\"end\":\"" + start.plus(20, ChronoUnit.MINUTES)
                            + "\",\"participant\":[{\"actor\":{\"identifier\":{\"system\":\"" + PolicyCases.NHS
                            + "\",\"value\":\""
                            + nhs + "\"}},\"status\":\"declined\"},{\"actor\":{\"identifier\":{\"system\":\""
                            + PolicyCases.ODS
                            + "\",\"value\":\"RPA\"}},\"status\":\"accepted\"}]}");
            assertThat(recorded.status())
                    .as("seeding %s's missed appointment: %s", council, recorded.body())
                    .isEqualTo(201);
            String appointmentId = idFromLocation(recorded);
            records.add(new Seeded(
                    council + ".appointment",
                    "Appointment",
                    appointmentId,
                    "appointments",
                    "urn:cpis:conformance|" + council + "-appointment",
                    "status=noshow",
                    List.of()));
            recordValues.put(council + ".appointment", values(records.get(records.size() - 1), Map.of("nhs", nhs)));
            markers.add(new Marker(
                    appointmentText.substring("Paediatric outpatients ".length()),
                    council + ".appointment",
                    councilOnly));

            String auditEventId = missedAppointmentAuditEvent(nhs);
            records.add(owned(
                    council + ".auditevent",
                    "AuditEvent",
                    auditEventId,
                    council,
                    "urn:cpis:conformance|" + council + "-auditevent",
                    "outcome=0",
                    List.of(),
                    Map.of("nhs", nhs)));
        }
        firstStored("Group", new TokenParam(CodeSystems.BOARD_TYPE, "information-sharing-agreement"))
                .ifPresent(id -> records.add(registerRecord(
                        "register.agreement",
                        "Group",
                        id,
                        "urn:cpis:conformance|agreement",
                        "code=information-sharing-agreement",
                        Map.of())));
        for (String type : List.of("PractitionerRole", "Practitioner")) {
            firstStored(type, null)
                    .ifPresent(id -> records.add(registerRecord(
                            "register." + type.toLowerCase(Locale.ROOT),
                            type,
                            id,
                            "urn:cpis:conformance|" + type,
                            "active=true",
                            Map.of())));
        }
        log.info(
                "Policy conformance seed: {}",
                records.stream()
                        .map(record -> record.key() + "=" + record.reference())
                        .collect(Collectors.joining(", ")));
        return new PolicyWorld(records, markers, organisations);
    }

    /**
     * Creates a seed record as its council. A server error is a failure of the run (never a 500), but the
     * seed is tried once more so that the rest of the suite still runs.
     */
    private String seedCreate(String persona, Resource resource) {
        try {
            return fhirClientAs(persona)
                    .create()
                    .resource(resource)
                    .execute()
                    .getId()
                    .getIdPart();
        } catch (ca.uhn.fhir.rest.server.exceptions.InternalErrorException e) {
            failures.add("[server-error] seeding: " + persona + " POST /fhir/" + resource.fhirType() + " -> "
                    + e.getMessage());
            return fhirClientAs(persona)
                    .create()
                    .resource(resource)
                    .execute()
                    .getId()
                    .getIdPart();
        }
    }

    private Seeded owned(
            String key,
            String type,
            String id,
            String party,
            String identifier,
            String token,
            List<String> references,
            Map<String, String> extra) {
        Seeded record = new Seeded(key, type, id, party, identifier, token, references);
        recordValues.put(key, values(record, extra));
        return record;
    }

    private Seeded registerRecord(
            String key, String type, String id, String identifier, String token, Map<String, String> extra) {
        return owned(key, type, id, "register", identifier, token, List.of(), extra);
    }

    private static Map<String, String> values(Seeded record, Map<String, String> extra) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("id", record.id());
        values.put("identifier", record.identifier());
        values.put("token", record.token());
        values.putAll(extra);
        return values;
    }

    private String storedStatus(String type, String id) {
        IBaseResource stored = daoRegistry
                .getResourceDao(type)
                .read(new org.hl7.fhir.r4.model.IdType(type + "/" + id), new SystemRequestDetails());
        return ((org.hl7.fhir.r4.model.Subscription) stored).getStatus().toCode();
    }

    /** The AuditEvent the missed appointment raised for the owning council (written with the appointment). */
    private String missedAppointmentAuditEvent(String nhs) {
        for (int attempt = 0; attempt < 50; attempt++) {
            SearchParameterMap query = SearchParameterMap.newSynchronous()
                    .add("_tag", new TokenParam(TAG_SYSTEM, "missed-appointment"))
                    .add(
                            "date",
                            new DateParam(
                                    ParamPrefixEnum.GREATERTHAN_OR_EQUALS,
                                    Date.from(Instant.now().minus(Duration.ofDays(1)))));
            for (IBaseResource event : daoRegistry
                    .getResourceDao("AuditEvent")
                    .search(query, new SystemRequestDetails())
                    .getAllResources()) {
                if (FHIR.newJsonParser().encodeResourceToString(event).contains(nhs)) {
                    return event.getIdElement().getIdPart();
                }
            }
            sleep(200);
        }
        throw new AssertionError("the missed appointment of " + nhs + " raised no AuditEvent");
    }

    private java.util.Optional<String> firstStored(String type, TokenParam code) {
        SearchParameterMap query = SearchParameterMap.newSynchronous();
        if (code != null) {
            query.add("code", code);
        }
        query.setCount(1);
        List<IBaseResource> found = daoRegistry
                .getResourceDao(type)
                .search(query, new SystemRequestDetails())
                .getResources(0, 1);
        return found.stream()
                .findFirst()
                .map(resource -> resource.getIdElement().getIdPart());
    }

    private static String idFromLocation(Answer answer) {
        String location = answer.header("Location");
        assertThat(location).as("Location of %s", answer.body()).isNotNull();
        return location.replaceAll("/_history/.*$", "").replaceAll("^.*/", "");
    }

    /** The record as stored, without id and meta: the base of the bodies the cases send. */
    private String storedJson(Seeded record) {
        Resource stored = (Resource) daoRegistry
                .getResourceDao(record.type())
                .read(new org.hl7.fhir.r4.model.IdType(record.reference()), new SystemRequestDetails());
        Resource copy = stored.copy();
        copy.setIdElement(null);
        copy.setMeta(null);
        return FHIR.newJsonParser().encodeResourceToString(copy);
    }

    // ------------------------------------------------------------------------------------------ generation

    /** The types of the CapabilityStatement, and the CP-IS ones. */
    private static List<String> types(JsonNode metadata) {
        Set<String> types = new LinkedHashSet<>(CPIS_TYPES);
        for (JsonNode resource : metadata.path("rest").path(0).path("resource")) {
            types.add(resource.path("type").asText());
        }
        types.remove("");
        return List.copyOf(types);
    }

    /** Every operation the CapabilityStatement lists, on a type or on the server. */
    private static List<ListedOperation> listedOperations(JsonNode metadata) {
        List<ListedOperation> operations = new ArrayList<>();
        for (JsonNode resource : metadata.path("rest").path(0).path("resource")) {
            for (JsonNode operation : resource.path("operation")) {
                operations.add(new ListedOperation(
                        resource.path("type").asText(),
                        "$" + operation.path("name").asText()));
            }
        }
        for (JsonNode operation : metadata.path("rest").path(0).path("operation")) {
            operations.add(
                    new ListedOperation(null, "$" + operation.path("name").asText()));
        }
        return operations;
    }

    /**
     * Each persona's own searches with {@code _count=1}; the {@code next} link of each is replayed by every
     * other persona (which must get what an unknown page gets) and by its owner.
     */
    private List<PolicyCase> pagingReplays(PolicyWorld world) {
        List<PolicyCase> cases = new ArrayList<>();
        for (String owner : PolicyWorld.PERSONAS) {
            List<String> searches = new ArrayList<>();
            for (String type : List.of(
                    "Patient",
                    "Flag",
                    "AuditEvent",
                    "Subscription",
                    "Organization",
                    "Group",
                    "PractitionerRole",
                    "Practitioner")) {
                searches.add("/fhir/" + type + "?_count=1");
            }
            for (Seeded child : world.ofType("Patient")) {
                String nhs = PolicyCases.encode(
                        PolicyCases.NHS + "|" + recordValues.get(child.key()).get("nhs"));
                searches.add("/fhir/Flag?patient:identifier=" + nhs + "&_count=1&_include=Flag:author");
                searches.add("/fhir/AuditEvent?patient:identifier=" + nhs + "&_count=1");
            }
            for (String search : searches) {
                Answer answer = send(owner, "GET", search, Map.of(), null);
                String next = nextLink(answer);
                if (next == null) {
                    continue;
                }
                String path = next.substring(next.indexOf("/fhir"));
                String type = search.substring("/fhir/".length(), search.indexOf('?'));
                for (String replayer : PolicyWorld.PERSONAS) {
                    if (replayer.equals(owner)) {
                        cases.add(new PolicyCase(
                                replayer,
                                "getpages-own",
                                type,
                                "GET",
                                path,
                                Map.of(),
                                null,
                                Target.OWN,
                                null,
                                null,
                                List.of(),
                                Set.of()));
                        continue;
                    }
                    String pairKey = replayer + "|getpages|" + owner + "|" + search;
                    String page = path.replaceAll(".*_getpages=([^&]*).*", "$1");
                    String unknownPage = UUID.randomUUID().toString();
                    cases.add(new PolicyCase(
                            replayer,
                            "getpages-replay of " + owner,
                            type,
                            "GET",
                            path,
                            Map.of(),
                            null,
                            Target.FOREIGN,
                            null,
                            pairKey,
                            List.of(page),
                            Set.of(403, 404)));
                    cases.add(new PolicyCase(
                            replayer,
                            "getpages-replay of " + owner,
                            type,
                            "GET",
                            path.replace(page, unknownPage),
                            Map.of(),
                            null,
                            Target.UNKNOWN,
                            null,
                            pairKey,
                            List.of(unknownPage),
                            Set.of(403, 404)));
                }
            }
        }
        return cases;
    }

    private static String nextLink(Answer answer) {
        try {
            for (JsonNode link : JSON.readTree(answer.body()).path("link")) {
                if (link.path("relation").asText().equals("next")) {
                    return link.path("url").asText();
                }
            }
        } catch (IOException notJson) {
            // no paging link in a body that is not JSON
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ running

    /**
     * All cases in parallel (each carries its own {@code X-Request-ID}, which HAPI stores as the
     * {@code meta.source} of any version it writes, so a change is traced to the case that made it), the
     * ones that may end the caller's own records (deletes, expunges) last so that every other case still
     * finds them.
     */
    private Map<PolicyCase, Answer> run(PolicyWorld world, List<PolicyCase> cases) throws Exception {
        Map<PolicyCase, Answer> answers = new ConcurrentHashMap<>();
        List<PolicyCase> first = cases.stream().filter(c -> !endsOwnRecord(c)).toList();
        List<PolicyCase> last =
                cases.stream().filter(PolicyConformanceIT::endsOwnRecord).toList();
        for (List<PolicyCase> phase : List.of(first, last)) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (PolicyCase c : phase) {
                    running.add(pool.submit(() -> answers.put(c, check(world, c))));
                }
                for (Future<?> result : running) {
                    result.get();
                }
            } finally {
                pool.shutdown();
            }
        }
        return answers;
    }

    private static boolean endsOwnRecord(PolicyCase c) {
        return c.target() == Target.OWN
                && (c.method().equals("DELETE")
                        || c.family().contains("delete")
                        || c.family().contains("expunge"));
    }

    /** Sends the case and holds its answer to properties (a) no leak, (d) no server error and the decided statuses. */
    private Answer check(PolicyWorld world, PolicyCase c) {
        Answer answer;
        String requestId = "pc" + requests.incrementAndGet(); // HAPI keeps 16 characters of a request id
        byRequestId.put(requestId, c);
        Map<String, String> headers = new LinkedHashMap<>(c.headers());
        headers.put("X-Request-ID", requestId);
        try {
            answer = send(c.persona(), c.method(), c.url(), headers, c.body());
        } catch (RuntimeException e) {
            fail("error", c, "the request failed: " + e);
            return new Answer(0, Map.of(), "");
        }
        String request = c.url() + " " + c.headers() + " " + (c.body() == null ? "" : c.body());
        String requestDecoded = java.net.URLDecoder.decode(c.url().replace("+", "%2B"), StandardCharsets.UTF_8);
        String text = answer.text();
        for (Marker marker : world.markers()) {
            if (marker.seenBy().contains(c.persona()) && text.contains(marker.value())) {
                seenMarkers.add(marker.value());
            }
        }
        for (Marker marker : world.forbiddenFor(c.persona())) {
            if (text.contains(marker.value())
                    && !request.contains(marker.value())
                    && !requestDecoded.contains(marker.value())) {
                fail(
                        "leak",
                        c,
                        answer.status() + " shows " + marker.value() + " of " + marker.record()
                                + where(answer, marker.value()));
            }
        }
        for (Seeded record : world.records()) {
            if (!PolicyWorld.OWNED_TYPES.contains(record.type())
                    || PolicyWorld.mayRead(c.persona(), record)
                    || request.contains(record.reference())) {
                continue;
            }
            Pattern reference = Pattern.compile(Pattern.quote(record.reference()) + "(?![0-9])");
            java.util.regex.Matcher entryLocation = Pattern.compile(
                            "\"location\"\\s*:\\s*\"[^\"]*" + Pattern.quote(record.reference()) + "(?![0-9])")
                    .matcher(answer.body());
            if (entryLocation.find()) {
                fail(
                        "leak",
                        c,
                        answer.status() + " a bundle entry's location " + entryLocation.group() + " locates "
                                + record.key());
            }
            for (String header : List.of("Location", "Content-Location")) {
                String value = answer.header(header);
                if (value != null && reference.matcher(value).find()) {
                    fail("leak", c, answer.status() + " " + header + ": " + value + " locates " + record.key());
                }
            }
        }
        if (answer.status() >= 500) {
            fail("server-error", c, answer.status() + " " + abbreviate(answer.body()));
        }
        if (!c.expectedStatuses().isEmpty() && !c.expectedStatuses().contains(answer.status())) {
            fail(
                    "status",
                    c,
                    "answered " + answer.status() + ", the policy says " + c.expectedStatuses() + ": "
                            + abbreviate(answer.body()));
        }
        return answer;
    }

    private static String where(Answer answer, String marker) {
        if (answer.body().contains(marker)) {
            int at = answer.body().indexOf(marker);
            return " in the body: …"
                    + answer.body()
                            .substring(
                                    Math.max(0, at - 120),
                                    Math.min(answer.body().length(), at + marker.length() + 40))
                            .replaceAll("\\s+", " ")
                    + "…";
        }
        return " in a header: "
                + answer.headers().entrySet().stream()
                        .filter(entry -> String.join(",", entry.getValue()).contains(marker))
                        .map(Map.Entry::getKey)
                        .collect(Collectors.joining(", "));
    }

    // ------------------------------------------------------------------------------------------ (b) changes

    /** Every seeded record, read beneath the rules: version id and JSON, or "gone". */
    private Map<String, String> snapshot(PolicyWorld world) {
        Map<String, String> state = new LinkedHashMap<>();
        for (Seeded record : world.records()) {
            state.put(record.key(), stateOf(record));
        }
        return state;
    }

    private String stateOf(Seeded record) {
        try {
            IBaseResource stored = daoRegistry
                    .getResourceDao(record.type())
                    .read(new org.hl7.fhir.r4.model.IdType(record.reference()), new SystemRequestDetails());
            return "version " + stored.getMeta().getVersionId() + " " + content(stored);
        } catch (BaseServerResponseException gone) {
            return "gone (" + gone.getStatusCode() + ")";
        }
    }

    /**
     * Every version written during the run to a seeded record, read beneath the rules: each must come
     * from a case of the record's own party (its {@code meta.source} names the case's request id); a
     * record with no new version must be exactly as it was (tags changed in place, say).
     */
    private void checkNoForeignChange(
            PolicyWorld world, Map<String, String> before, Date runStart, Map<PolicyCase, Answer> answers) {
        Map<String, String> after = snapshot(world);
        for (Seeded record : world.records()) {
            List<IBaseResource> versions = new ArrayList<>(daoRegistry
                    .getResourceDao(record.type())
                    .history(
                            new org.hl7.fhir.r4.model.IdType(record.reference()),
                            runStart,
                            null,
                            null,
                            new SystemRequestDetails())
                    .getResources(0, 1_000));
            Collections.reverse(versions); // oldest first
            String previous = before.get(record.key());
            for (IBaseResource version : versions) {
                String source = version.getMeta() instanceof org.hl7.fhir.r4.model.Meta meta ? meta.getSource() : null;
                String requestId =
                        source == null || !source.contains("#") ? null : source.substring(source.indexOf('#') + 1);
                PolicyCase writer = requestId == null ? null : byRequestId.get(requestId);
                String now = "version " + version.getMeta().getVersionId() + " " + content(version);
                if (writer != null) {
                    tracedVersions.incrementAndGet();
                }
                if (writer == null) {
                    failures.add("[changed] " + record.key() + " (" + record.reference() + ") got version "
                            + version.getMeta().getVersionId() + " from a request that is not a case (source " + source
                            + ")"
                            + difference(previous, now));
                } else if (!PolicyWorld.owns(writer.persona(), record)) {
                    Answer answer = answers.get(writer);
                    fail(
                            "changed",
                            writer,
                            (answer == null ? "" : answer.status() + ": ") + record.key() + " ("
                                    + record.reference() + ") of " + record.party() + " now has version "
                                    + version.getMeta().getVersionId() + difference(previous, now));
                }
                previous = now;
            }
            if (versions.isEmpty() && !after.get(record.key()).equals(before.get(record.key()))) {
                failures.add("[changed] " + record.key() + " (" + record.reference() + ") changed without a new version"
                        + " (in place, e.g. its tags)" + difference(before.get(record.key()), after.get(record.key()))
                        + "; the cases aimed at it that were not refused: "
                        + answers.entrySet().stream()
                                .filter(entry -> entry.getKey().record() == record
                                        && entry.getValue().status() < 300
                                        && entry.getKey().mayWrite())
                                .map(entry -> entry.getKey().describe())
                                .limit(10)
                                .collect(Collectors.joining("; ")));
            }
        }
    }

    /** The record's JSON without the bookkeeping every write changes (version, time, source); tags stay. */
    private static String content(IBaseResource resource) {
        Resource copy = ((Resource) resource).copy();
        copy.getMeta().setVersionId(null).setLastUpdated(null).setSource(null);
        return FHIR.newJsonParser().encodeResourceToString(copy);
    }

    private static String difference(String wasState, String nowState) {
        if (wasState == null || nowState == null) {
            return "";
        }
        String was = wasState.contains("{") ? wasState.substring(wasState.indexOf('{')) : wasState;
        String now = nowState.contains("{") ? nowState.substring(nowState.indexOf('{')) : nowState;
        if (was.equals(now)) {
            return "; the same content (a new version only)";
        }
        int start = 0;
        while (start < was.length() && start < now.length() && was.charAt(start) == now.charAt(start)) {
            start++;
        }
        return "; first difference at: …" + now.substring(Math.max(0, start - 60), Math.min(now.length(), start + 80))
                + "…";
    }

    // ------------------------------------------------------------------------------------------ (c) pairs

    /** A request aimed at a record the caller may not read answers exactly as its twin aimed at an unknown one. */
    private void comparePairs(List<PolicyCase> cases, Map<PolicyCase, Answer> answers) {
        Map<String, List<PolicyCase>> pairs = new TreeMap<>();
        for (PolicyCase c : cases) {
            if (c.pairKey() != null && (c.target() == Target.FOREIGN || c.target() == Target.UNKNOWN)) {
                pairs.computeIfAbsent(c.pairKey(), key -> new ArrayList<>()).add(c);
            }
        }
        for (List<PolicyCase> pair : pairs.values()) {
            PolicyCase foreign = pair.stream()
                    .filter(c -> c.target() == Target.FOREIGN)
                    .findFirst()
                    .orElse(null);
            PolicyCase twin = pair.stream()
                    .filter(c -> c.target() == Target.UNKNOWN)
                    .findFirst()
                    .orElse(null);
            if (foreign == null || twin == null || answers.get(foreign) == null || answers.get(twin) == null) {
                continue;
            }
            String foreignShape = shape(answers.get(foreign), foreign.normalise());
            String twinShape = shape(answers.get(twin), twin.normalise());
            if (!foreignShape.equals(twinShape)) {
                fail(
                        "distinguishable",
                        foreign,
                        "answers " + foreignShape + "\n      (as sent: "
                                + abbreviate(answers.get(foreign).body())
                                + ")\n      but for an unknown "
                                + (foreign.record() == null
                                        ? "page"
                                        : foreign.record().type()) + " (" + twin.method() + " " + twin.url()
                                + ") " + twinShape);
            }
        }
    }

    /**
     * What a comparison of two answers looks at: status, OperationOutcome diagnostics with the aimed-at
     * values replaced, a Bundle's total, entries and their outcomes. The values each case makes up (fresh
     * NHS numbers, attacker strings, the ids and timings of what it created) are replaced too.
     */
    private static String normalised(String diagnostics, List<String> normalise) {
        String text = diagnostics;
        for (String value : normalise) {
            text = text.replace(value, "{target}").replace(PolicyCases.encode(value), "{target}");
        }
        return text.replaceAll("(?<![0-9])\\d{10}(?![0-9])", "{nhs}")
                .replaceAll("MKATTACK\\d+X\\d+", "{attack}")
                .replaceAll(
                        "Successfully (created|updated) resource \"(\\w+)/\\d+/_history/\\d+\"",
                        "Successfully $1 resource \"$2/{new}\"")
                .replaceAll("Took \\d+ms", "Took {t}ms")
                .replaceAll("belongs to (\\w+)/\\d+", "belongs to $1/{existing}")
                .replaceAll("Successfully (created|updated) resource", "Successfully written resource");
    }

    private static String shape(Answer answer, List<String> normalise) {
        // a write that created the caller's own record or updated one it already had: both are its own business
        StringBuilder shape = new StringBuilder().append(answer.status() == 201 ? 200 : answer.status());
        try {
            JsonNode body = JSON.readTree(answer.body());
            if (body == null) {
                return shape.toString();
            }
            String type = body.path("resourceType").asText();
            if (type.equals("OperationOutcome")) {
                for (JsonNode issue : body.path("issue")) {
                    String diagnostics = normalised(issue.path("diagnostics").asText(), normalise);
                    shape.append(" ")
                            .append(issue.path("severity").asText())
                            .append('/')
                            .append(issue.path("code").asText())
                            .append(" \"")
                            .append(diagnostics)
                            .append('"');
                }
            } else if (type.equals("Bundle")) {
                shape.append(" Bundle total=")
                        .append(body.path("total").asText("-"))
                        .append(" entries=")
                        .append(body.path("entry").size());
                for (JsonNode entry : body.path("entry")) {
                    shape.append(" ")
                            .append(entry.path("response")
                                    .path("status")
                                    .asText("")
                                    .replace("201 Created", "200 OK"));
                    JsonNode outcome = entry.path("response").path("outcome");
                    for (JsonNode issue : outcome.path("issue")) {
                        String diagnostics =
                                normalised(issue.path("diagnostics").asText(), normalise);
                        shape.append(" \"").append(diagnostics).append('"');
                    }
                }
            } else if (!type.isEmpty()) {
                shape.append(" ").append(type);
            }
        } catch (IOException notJson) {
            shape.append(" (not JSON)");
        }
        return shape.toString();
    }

    // ------------------------------------------------------------------------------------------ sending

    private Answer send(String persona, String method, String url, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serverRoot() + url))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        request.header("Accept", "application/fhir+json");
        if (!persona.equals("anonymous")) {
            request.header("Authorization", "Bearer " + token(persona));
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String token(String persona) {
        return tokens.computeIfAbsent(
                persona,
                name -> name.equals(PolicyWorld.NO_SCOPE)
                        ? noScopeToken()
                        : uk.cpis.server.testsupport.DemoTokens.forPersona(serverRoot(), name));
    }

    /** A valid token from the demo issuer for a clinician's identity, but with no CP-IS scope. */
    private String noScopeToken() {
        try {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(demoIssuer)
                    .subject("555000000099")
                    .claim("name", "No Scope")
                    .claim("scope", "openid")
                    .claim(
                            "nhsid_nrbac_roles",
                            List.of(Map.of(
                                    "org_code",
                                    "RPA",
                                    "role_code",
                                    "S8000:G8000:R8000",
                                    "activity_codes",
                                    List.of("B0107"))))
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(3600)))
                    .build();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("cpis-demo").build(), claims);
            jwt.sign(new RSASSASigner(DemoTokenKeys.load(new ClassPathResource("demo-signing-key.pem"))
                    .privateKey()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException("signing the no-scope token", e);
        }
    }

    // ------------------------------------------------------------------------------------------ reporting

    private void fail(String property, PolicyCase c, String what) {
        failures.add("[" + property + "] " + c.describe() + "\n      -> " + what);
    }

    private void report() throws IOException {
        if (failures.isEmpty()) {
            return;
        }
        List<String> sorted = failures.stream().sorted().toList();
        Path file = Path.of("target", "policy-conformance-failures.txt");
        Files.createDirectories(file.getParent());
        Files.write(file, sorted, StandardCharsets.UTF_8);
        Map<String, Long> byProperty = sorted.stream()
                .collect(Collectors.groupingBy(
                        failure -> failure.substring(0, failure.indexOf(']') + 1),
                        TreeMap::new,
                        Collectors.counting()));
        Map<String, Long> byFamily = sorted.stream()
                .filter(failure -> failure.contains("("))
                .collect(Collectors.groupingBy(
                        failure -> failure.substring(0, failure.indexOf(']') + 1) + " "
                                + failure.substring(
                                        failure.indexOf('(') + 1,
                                        failure.indexOf(',', failure.indexOf('(')) < 0
                                                ? failure.indexOf('(') + 1
                                                : failure.indexOf(',', failure.indexOf('('))),
                        TreeMap::new,
                        Collectors.counting()));
        String summary = failures.size() + " policy conformance failures " + byProperty + "\nby property and family: "
                + byFamily + "\n(all in " + file.toAbsolutePath() + "); the first 60:\n"
                + String.join("\n", sorted.subList(0, Math.min(60, sorted.size())));
        throw new AssertionError(summary);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
