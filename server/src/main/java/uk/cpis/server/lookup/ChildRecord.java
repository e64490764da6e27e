package uk.cpis.server.lookup;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.Codes;
import uk.cpis.server.contract.IdentifierSystems;
import uk.cpis.server.database.HapiIndexTables;
import uk.cpis.server.security.PlanVisibility;

/**
 * What CP-IS holds about one child (or expectant mother) by NHS number, as a clinician may see it:
 * the Patient, the plans shown in a look-up (active, or ended in the last 12 months; never entered in
 * error), the councils that own them, and the latest unscheduled accesses. Read from the store with
 * the server's own rights: callers reach it only through views whose questions the access rules
 * have already checked.
 *
 * <p>A look-up is the one question asked hundreds of times a second, nine times in ten about a child
 * CP-IS knows nothing of, so the person and the plans are found with two indexed queries on HAPI's own
 * index tables ({@link HapiIndexTables}) and read by row id, rather than through HAPI's general search
 * machinery.
 */
@Component
public class ChildRecord {

    private final DaoRegistry daoRegistry;
    private final HapiIndexTables index;
    private final Clock clock;

    public ChildRecord(DaoRegistry daoRegistry, HapiIndexTables index, Clock clock) {
        this.daoRegistry = daoRegistry;
        this.index = index;
        this.clock = clock;
    }

    /**
     * What CP-IS shows of one NHS number: the people (one Patient per council that holds the child, each
     * council's own record) who have a plan shown, those plans, and the councils that own them.
     */
    public record Found(List<Patient> persons, List<Flag> plans, Map<String, Organization> councils) {

        /** The first of the people shown: the one an access record names. */
        public Optional<Patient> person() {
            return persons.stream().findFirst();
        }

        /** The person (that council's record of the child) a shown plan is for. */
        public Patient personOf(Flag plan) {
            String subject = plan.getSubject()
                    .getReferenceElement()
                    .toUnqualifiedVersionless()
                    .getValue();
            return persons.stream()
                    .filter(person -> reference(person).equals(subject))
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** Every council's record of the person with this NHS number, merged: the plans a clinician may see now. */
    public Found find(String nhsNumber) {
        Instant now = clock.instant();
        List<Patient> persons = new ArrayList<>();
        List<Flag> plans = new ArrayList<>();
        for (Long personRow : index.patientRowsWithIdentifier(IdentifierSystems.NHS_NUMBER, nhsNumber)) {
            List<Flag> plansOfPerson = index.planRowsOf(personRow).stream()
                    .map(row -> (Flag) daoRegistry.getResourceDao("Flag").readByPid(JpaPid.fromId(row)))
                    .toList();
            if (PlanVisibility.personShown(plansOfPerson, now)) {
                persons.add((Patient) daoRegistry.getResourceDao("Patient").readByPid(JpaPid.fromId(personRow)));
                plansOfPerson.stream()
                        .filter(plan -> PlanVisibility.shownInLookUp(plan, now))
                        .forEach(plans::add);
            }
        }
        Map<String, Organization> councils = new LinkedHashMap<>();
        for (Flag plan : plans) {
            String author = plan.getAuthor()
                    .getReferenceElement()
                    .toUnqualifiedVersionless()
                    .getValue();
            councils.computeIfAbsent(author, id -> (Organization) daoRegistry
                    .getResourceDao("Organization")
                    .read(
                            plan.getAuthor().getReferenceElement().toUnqualifiedVersionless(),
                            new SystemRequestDetails()));
        }
        return new Found(List.copyOf(persons), List.copyOf(plans), councils);
    }

    /** The latest unscheduled accesses to the people's records (every council's record of one child), newest first. */
    public List<AuditEvent> latestUnscheduledAccesses(List<Patient> persons, int count) {
        ReferenceOrListParam anyOf = new ReferenceOrListParam();
        persons.forEach(person -> anyOf.addOr(new ReferenceParam(reference(person))));
        SearchParameterMap accesses = SearchParameterMap.newSynchronous()
                .add("patient", anyOf)
                .add("access-type", new TokenParam(Codes.UNSCHEDULED));
        accesses.setSort(new SortSpec("date", SortOrderEnum.DESC));
        accesses.setCount(count);
        return daoRegistry
                .getResourceDao("AuditEvent")
                .search(accesses, new SystemRequestDetails())
                .getResources(0, count)
                .stream()
                .map(AuditEvent.class::cast)
                .toList();
    }

    /** The person's NHS number, if their record carries one. */
    static Optional<String> nhsNumberOf(Patient person) {
        return person.getIdentifier().stream()
                .filter(identifier ->
                        IdentifierSystems.NHS_NUMBER.equals(identifier.getSystem()) && identifier.hasValue())
                .map(identifier -> identifier.getValue())
                .findFirst();
    }

    static String reference(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        return resource.getIdElement().toUnqualifiedVersionless().getValue();
    }
}
