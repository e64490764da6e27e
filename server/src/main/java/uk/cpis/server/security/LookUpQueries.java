package uk.cpis.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.Codes;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.contract.Operations;
import uk.cpis.server.contract.ServedTypes;

/**
 * The shape of the questions callers may ask about children, checked before a query runs.
 *
 * <p>A clinician looks up <b>one child at a time by NHS number</b>: a search of Patient, Flag,
 * AuditEvent or CareTeam must name exactly one NHS number (and asks for at most
 * {@value #MAX_LOOK_UP_COUNT} records), so a clinician cannot fish for which children have plans.
 *
 * <p>Which parameters, includes and interactions each caller may use at all is the {@link AccessPolicy};
 * this adds what a declaration cannot say.
 *
 * <p>A council's searches are narrowed to its own records: its plans (Flag author), its children
 * (Patient managingOrganization), and its notifications (the unscheduled accesses to its records and the missed
 * appointments of its children), so totals and pages count only those.
 *
 * <p>{@code patient:identifier=...} arrives here already as {@code patient.identifier=...}
 * ({@link uk.cpis.server.fhir.IdentifierModifierSearches}).
 */
@Component
@Interceptor
public class LookUpQueries {

    private static final Pattern ONE_NHS_NUMBER =
            Pattern.compile(Pattern.quote(IdentifierSystems.NHS_NUMBER) + "\\|\\d{10}");
    private static final Map<String, Set<String>> NHS_NUMBER_PARAMETERS = Map.of(
            "Patient", Set.of("identifier"),
            "Flag", Set.of("patient.identifier", "subject.identifier", "subject:Patient.identifier"),
            "AuditEvent", Set.of("patient.identifier"),
            "CareTeam", Set.of("patient.identifier"));
    static final int MAX_LOOK_UP_COUNT = 100;
    /** A clinician sees the latest 25 unscheduled accesses to a child unless it asks for more (as the national service). */
    private static final int ACCESS_HISTORY_LENGTH = 25;

    static final String HOW_TO_LOOK_UP =
            "a clinician looks up one child at a time by NHS number, e.g. " + "GET /fhir/Flag?patient:identifier="
                    + IdentifierSystems.NHS_NUMBER + "|{NHS number}&_include=Flag:author";

    /** Request user data: the one NHS number a clinician's look-up asks for, as checked here. */
    private static final String NHS_NUMBER_ASKED = "cpis.nhs-number-asked";

    private final CurrentCaller currentCaller;
    private final CallerOrganisation callerOrganisation;

    public LookUpQueries(CurrentCaller currentCaller, CallerOrganisation callerOrganisation) {
        this.currentCaller = currentCaller;
        this.callerOrganisation = callerOrganisation;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void check(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == null) {
            return;
        }
        Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameters());
        switch (currentCaller.actor()) {
            case CLINICIAN -> checkClinicianQuestion(request, operation, parameters);
            case LOCAL_AUTHORITY_SYSTEM -> narrowToOwnRecords(request, operation, parameters);
            default -> {}
        }
        request.setParameters(parameters);
    }

    /** The NHS number the clinician's look-up asks for (checked to be exactly one), if this request is one. */
    public static Optional<String> nhsNumberAsked(RequestDetails request) {
        return Optional.ofNullable((String) request.getUserData().get(NHS_NUMBER_ASKED));
    }

    /**
     * A clinician's look-up is answered straight from the database, never kept as a stored search
     * (HAPI would otherwise write a search row and its results for every look-up): clinicians may not
     * page, and one child's answer is small.
     */
    @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
    public void answerLookUpsDirectly(RequestDetails request, SearchParameterMap query) {
        if (currentCaller.actor() == CpisActor.CLINICIAN) {
            query.setLoadSynchronous(true);
        }
    }

    /**
     * A clinician's total counts only what the answer shows: HAPI counts the matches before the plans a
     * clinician may not see (entered in error, ended long ago) are taken out.
     */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void countOnlyWhatIsShown(RequestDetails request, ResponseDetails response) {
        String type = request.getResourceName(); // none for the CapabilityStatement and the server's base
        if (currentCaller.actor() == CpisActor.CLINICIAN
                && type != null
                && ServedTypes.PATIENT_DATA.contains(type)
                && response.getResponseResource() instanceof Bundle answer
                && answer.getType() == Bundle.BundleType.SEARCHSET
                && answer.hasTotal()) {
            answer.setTotal((int) answer.getEntry().stream()
                    .filter(entry -> entry.getSearch().getMode() == null
                            || entry.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
                    .count());
        }
    }

    private void checkClinicianQuestion(
            RequestDetails request, RestOperationTypeEnum operation, Map<String, String[]> parameters) {
        String type = request.getResourceName();
        switch (operation) {
            case SEARCH_TYPE -> {
                if (ServedTypes.PATIENT_DATA.contains(type)) {
                    remember(request, checkLookUp(type, parameters));
                    if ("AuditEvent".equals(type)) {
                        SearchParameters.add(parameters, "access-type", Codes.UNSCHEDULED);
                        SearchParameters.newestFirst(parameters);
                        parameters.putIfAbsent("_count", new String[] {String.valueOf(ACCESS_HISTORY_LENGTH)});
                    }
                }
            }
            case EXTENDED_OPERATION_TYPE -> {
                if ("Patient".equals(type) && Operations.LOOKUP.equals(request.getOperation())) {
                    // the parameters HAPI binds: the Parameters body of a POST (RequestGate refuses URL and body
                    // together)
                    remember(
                            request,
                            checkLookUp(
                                    "Patient",
                                    request.getResource() instanceof Parameters body
                                            ? bodyParameters(body)
                                            : parameters));
                }
            }
            default -> {}
        }
    }

    private static Map<String, String[]> bodyParameters(Parameters body) {
        Map<String, String[]> parameters = new LinkedHashMap<>();
        for (Parameters.ParametersParameterComponent parameter : body.getParameter()) {
            SearchParameters.add(
                    parameters,
                    parameter.getName(),
                    parameter.getValue() == null ? "" : parameter.getValue().primitiveValue());
        }
        return parameters;
    }

    private static void remember(RequestDetails request, String nhsNumber) {
        request.getUserData().put(NHS_NUMBER_ASKED, nhsNumber);
    }

    /** Checks the look-up asks for exactly one NHS number, and returns it. */
    private static String checkLookUp(String type, Map<String, String[]> parameters) {
        Set<String> nhsNumberParameters = NHS_NUMBER_PARAMETERS.get(type);
        int nhsNumbers = 0;
        String nhsNumber = null;
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (nhsNumberParameters.contains(name)) {
                for (String value : parameter.getValue()) {
                    // a Parameters body may name the parameter with no value at all
                    if (value == null || !ONE_NHS_NUMBER.matcher(value).matches()) {
                        throw forbidden("'" + name + "' must be exactly one NHS number (" + IdentifierSystems.NHS_NUMBER
                                + "|ten digits): " + HOW_TO_LOOK_UP);
                    }
                    nhsNumbers++;
                    nhsNumber = value.substring(IdentifierSystems.NHS_NUMBER.length() + 1);
                }
            } else if (name.equals("_count")) {
                for (String count : parameter.getValue()) {
                    if (!count.matches("\\d{1,3}") || Integer.parseInt(count) > MAX_LOOK_UP_COUNT) {
                        throw forbidden("_count must be at most " + MAX_LOOK_UP_COUNT + " in a look-up");
                    }
                }
            }
        }
        if (nhsNumbers != 1) {
            throw forbidden((nhsNumbers == 0
                            ? "A search without an NHS number is not allowed: "
                            : "A search for more than one NHS number is not allowed: ")
                    + HOW_TO_LOOK_UP);
        }
        return nhsNumber;
    }

    private void narrowToOwnRecords(
            RequestDetails request, RestOperationTypeEnum operation, Map<String, String[]> parameters) {
        if (operation != RestOperationTypeEnum.SEARCH_TYPE
                || !ServedTypes.PATIENT_DATA.contains(request.getResourceName())) {
            return;
        }
        String council = callerOrganisation
                .reference()
                .orElseThrow(() -> forbidden("Your organisation is not in the CP-IS register"));
        switch (request.getResourceName()) {
            case "Flag" -> SearchParameters.add(parameters, "author", council);
            case "Patient" -> SearchParameters.add(parameters, "organization", council);
            case "AuditEvent" -> {
                SearchParameters.onlyOwnNotifications(
                        parameters,
                        council,
                        currentCaller.identity().map(CallerIdentity::odsCode).orElse(null));
                SearchParameters.add(parameters, "responsible-la", council);
                // unscheduled accesses and missed appointments; never silent (scheduled) reads
                SearchParameters.add(parameters, "access-type:not", Codes.SCHEDULED);
                SearchParameters.newestFirst(parameters);
            }
            default -> {}
        }
    }

    private static ForbiddenOperationException forbidden(String message) {
        return new ForbiddenOperationException(message);
    }
}
