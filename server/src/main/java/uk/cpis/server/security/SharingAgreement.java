package uk.cpis.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import uk.cpis.server.contract.CodeSystems;
import uk.cpis.server.contract.Codes;
import uk.cpis.server.contract.OdsCodes;
import uk.cpis.server.database.StoredVersions;

/**
 * The CP-IS information sharing agreement: a Group (board type information-sharing-agreement) whose
 * members are signatory seats, each a PractitionerRole of one organisation, with the period the
 * organisation signed for. Only organisations that are current members may see patient data.
 *
 * <p>Checked on every request, so the signatories' periods are held in memory rather than read (the
 * agreement of a national service has well over a thousand members) per request. Any change to an
 * agreement, a seat or an organisation on this server drops them at once (and again after its
 * commit), so an organisation that leaves loses access on its very next request; periods are
 * compared with the clock on every check, so a membership that ends at midnight ends at midnight.
 * What another server of a cluster changed is seen within {@link #MAX_AGE}: when the register is that
 * old, one cheap query on the resource table (how many register resources, the sum of their versions)
 * tells whether anything changed, and only then is it read again (reading a national register is
 * costly).
 */
@Component
@Interceptor
public class SharingAgreement {

    static final Duration MAX_AGE = Duration.ofSeconds(10);
    private static final List<String> REGISTER_TYPE_LIST = List.of("Group", "PractitionerRole", "Organization");
    private static final Set<String> REGISTER_TYPES = Set.copyOf(REGISTER_TYPE_LIST);

    private final DaoRegistry daoRegistry;
    private final StoredVersions storedVersions;
    private final Clock clock;
    private final AtomicReference<Signatories> signatories = new AtomicReference<>();
    private final ReentrantLock reloading = new ReentrantLock();

    public SharingAgreement(DaoRegistry daoRegistry, StoredVersions storedVersions, Clock clock) {
        this.daoRegistry = daoRegistry;
        this.storedVersions = storedVersions;
        this.clock = clock;
    }

    public boolean isCurrentSignatory(String odsCode) {
        return !currentMemberships(odsCode).isEmpty();
    }

    /** A membership of the agreement: the agreement Group, the signatory seat and its member period. */
    public record Membership(String agreement, String seat, Period period) {}

    /** The organisation's memberships of the agreement whose member period covers now (none if it is not a signatory). */
    public List<Membership> currentMemberships(String odsCode) {
        if (odsCode == null || odsCode.isBlank()) {
            return List.of();
        }
        Date now = Date.from(clock.instant());
        return current().memberships().getOrDefault(odsCode, List.of()).stream()
                .filter(membership -> covers(membership.period(), now))
                .toList();
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        forgetIfRegister(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource oldResource, IBaseResource newResource) {
        forgetIfRegister(newResource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        forgetIfRegister(resource);
    }

    private void forgetIfRegister(IBaseResource resource) {
        if (!REGISTER_TYPES.contains(resource.fhirType())) {
            return;
        }
        signatories.set(null);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a request that reloads before this commit would see the old register: forget it again
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    signatories.set(null);
                }
            });
        }
    }

    private Signatories current() {
        Signatories held = signatories.get();
        if (held != null && !held.isOlderThan(MAX_AGE)) {
            return held;
        }
        // One request reloads; while an aged (not dropped) register is being refreshed, the others keep
        // using it rather than all reading the register at once. A dropped one is waited for.
        if (held != null && !reloading.tryLock()) {
            return held;
        }
        if (held == null) {
            reloading.lock();
        }
        try {
            Signatories current = signatories.get();
            if (current != null && !current.isOlderThan(MAX_AGE)) {
                return current;
            }
            String stamp = storedVersions.of(REGISTER_TYPE_LIST);
            Signatories loaded = current != null && current.stamp().equals(stamp)
                    ? new Signatories(current.memberships(), stamp, System.nanoTime())
                    : load(stamp);
            // not kept if the register changed while loading: the next request loads again
            signatories.compareAndSet(current, loaded);
            return loaded;
        } finally {
            reloading.unlock();
        }
    }

    /** Every organisation's memberships, by ODS code, from the active agreements. */
    private Signatories load(String stamp) {
        long loadedAt = System.nanoTime();
        List<Membership> seats = new ArrayList<>();
        for (IBaseResource resource : all(
                "Group",
                SearchParameterMap.newSynchronous()
                        .add("code", new TokenParam(CodeSystems.BOARD_TYPE, Codes.INFORMATION_SHARING_AGREEMENT)))) {
            Group agreement = (Group) resource;
            if (agreement.hasActive() && !agreement.getActive()) {
                continue;
            }
            for (Group.GroupMemberComponent member : agreement.getMember()) {
                if (!member.getInactive()) {
                    seats.add(new Membership(
                            agreement.getIdElement().toUnqualifiedVersionless().getValue(),
                            member.getEntity()
                                    .getReferenceElement()
                                    .toUnqualifiedVersionless()
                                    .getValue(),
                            member.getPeriod()));
                }
            }
        }
        Map<String, String> seatOrganisation = new HashMap<>();
        for (IBaseResource resource : byIds(
                "PractitionerRole",
                seats.stream().map(Membership::seat).distinct().toList())) {
            PractitionerRole seat = (PractitionerRole) resource;
            seatOrganisation.put(
                    seat.getIdElement().toUnqualifiedVersionless().getValue(),
                    seat.getOrganization()
                            .getReferenceElement()
                            .toUnqualifiedVersionless()
                            .getValue());
        }
        Map<String, String> organisationOds = new HashMap<>();
        for (IBaseResource resource : byIds("Organization", List.copyOf(Set.copyOf(seatOrganisation.values())))) {
            Organization organisation = (Organization) resource;
            OdsCodes.of(organisation)
                    .ifPresent(ods -> organisationOds.put(
                            organisation
                                    .getIdElement()
                                    .toUnqualifiedVersionless()
                                    .getValue(),
                            ods));
        }
        Map<String, List<Membership>> memberships = new HashMap<>();
        for (Membership seat : seats) {
            String ods = organisationOds.get(seatOrganisation.get(seat.seat()));
            if (ods != null) {
                memberships.computeIfAbsent(ods, code -> new ArrayList<>()).add(seat);
            }
        }
        return new Signatories(Map.copyOf(memberships), stamp, loadedAt);
    }

    private static boolean covers(Period period, Date now) {
        boolean started = !period.hasStart() || !period.getStart().after(now);
        boolean notEnded = !period.hasEnd() || period.getEnd().after(now);
        return started && notEnded;
    }

    /** The resources with these ids ({@code Type/123}), a few hundred per query. */
    private List<IBaseResource> byIds(String type, List<String> references) {
        List<IBaseResource> found = new ArrayList<>();
        for (int from = 0; from < references.size(); from += 500) {
            TokenOrListParam ids = new TokenOrListParam();
            references
                    .subList(from, Math.min(references.size(), from + 500))
                    .forEach(reference -> ids.add(new TokenParam(reference.substring(reference.indexOf('/') + 1))));
            found.addAll(all(type, SearchParameterMap.newSynchronous().add("_id", ids)));
        }
        return found;
    }

    private List<IBaseResource> all(String type, SearchParameterMap query) {
        return daoRegistry
                .getResourceDao(type)
                .search(query, new SystemRequestDetails())
                .getAllResources();
    }

    private record Signatories(Map<String, List<Membership>> memberships, String stamp, long loadedAt) {

        boolean isOlderThan(Duration age) {
            return System.nanoTime() - loadedAt > age.toNanos();
        }
    }
}
