package uk.cpis.server.lookup;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;
import uk.cpis.server.audit.AccessType;
import uk.cpis.server.lookup.LookUp.RepeatAttendanceState;
import uk.cpis.server.lookup.LookUp.Shown;
import uk.cpis.server.notifications.RepeatAttendance;
import uk.cpis.server.security.CurrentCaller;
import uk.cpis.server.security.LookUpQueries;

/**
 * Keeps each clinician's {@link LookUp} with its request: made on first use from the caller, the NHS
 * number the look-up rules checked ({@link LookUpQueries}) and the {@code IsUnscheduledAccessEvent}
 * header; then what the answer shows and the repeat-attendance state, each worked out once.
 */
@Component
public class LookUps {

    private static final String KEY = LookUp.class.getName();

    private final CurrentCaller currentCaller;
    private final RepeatAttendance repeatAttendance;
    private final DaoRegistry daoRegistry;

    public LookUps(CurrentCaller currentCaller, RepeatAttendance repeatAttendance, DaoRegistry daoRegistry) {
        this.currentCaller = currentCaller;
        this.repeatAttendance = repeatAttendance;
        this.daoRegistry = daoRegistry;
    }

    /** This request's look-up; the caller must be a clinician. */
    public LookUp current(RequestDetails request) {
        return (LookUp) request.getUserData().computeIfAbsent(KEY, key -> {
            var caller = currentCaller.identity().orElseThrow();
            return new LookUp(
                    caller,
                    LookUpQueries.nhsNumberAsked(request),
                    AccessType.of(caller.activityCodes(), request.getHeader(AccessType.HEADER)));
        });
    }

    /** The answer was built from the child's record: this is what it shows. */
    void show(RequestDetails request, ChildRecord.Found found) {
        current(request).show(new Shown(found.person().map(ChildRecord::reference), found.plans(), found.councils()));
    }

    /** What the answer shows: as its builder said, or else read from the answer (a Flag search's searchset). */
    Shown shown(RequestDetails request, IBaseResource answer) {
        return current(request).shown(() -> shownIn(answer));
    }

    /** The child's repeat-attendance state, with this look-up's care setting counted, worked out once. */
    RepeatAttendanceState repeatAttendance(RequestDetails request, Shown shown) {
        LookUp lookUp = current(request);
        return lookUp.repeatAttendance(() -> shown.child()
                .map(child -> repeatAttendance.settingsWithinWindow(child, lookUp.careSetting()))
                .map(settings -> new RepeatAttendanceState(settings, repeatAttendance.isPattern(settings)))
                .orElse(new RepeatAttendanceState(java.util.Set.of(), false)));
    }

    private Shown shownIn(IBaseResource answer) {
        if (!(answer instanceof Bundle bundle)) {
            return Shown.NOTHING;
        }
        List<IBaseResource> resources = bundle.getEntry().stream()
                .<IBaseResource>map(Bundle.BundleEntryComponent::getResource)
                .filter(resource -> resource != null)
                .toList();
        List<Flag> plans = resources.stream()
                .filter(Flag.class::isInstance)
                .map(Flag.class::cast)
                .toList();
        Optional<String> child = resources.stream()
                .filter(Patient.class::isInstance)
                .findFirst()
                .map(ChildRecord::reference)
                .or(() -> plans.stream()
                        .findFirst()
                        .map(plan -> plan.getSubject()
                                .getReferenceElement()
                                .toUnqualifiedVersionless()
                                .getValue()));
        Map<String, Organization> included = new LinkedHashMap<>();
        resources.stream()
                .filter(Organization.class::isInstance)
                .forEach(
                        organisation -> included.put(ChildRecord.reference(organisation), (Organization) organisation));
        Map<String, Organization> councils = new LinkedHashMap<>();
        for (Flag plan : plans) {
            String author = plan.getAuthor()
                    .getReferenceElement()
                    .toUnqualifiedVersionless()
                    .getValue();
            if (author != null && !councils.containsKey(author)) {
                councils.put(
                        author,
                        included.containsKey(author)
                                ? included.get(author)
                                : (Organization) daoRegistry
                                        .getResourceDao("Organization")
                                        .read(new IdType(author), new SystemRequestDetails()));
            }
        }
        return new Shown(child, plans, councils);
    }
}
