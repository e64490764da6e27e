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
import uk.cpis.server.database.ChangeCounters;
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
 * What another server of a cluster changed governs the very next request here too: every register
 * change counts one in the database ({@link ChangeCounters}, in the writing transaction), which each
 * check reads with one primary-key read, and the register is read again when the count moved. When the
 * register is {@link #MAX_AGE} old, one cheap query on the resource table (how many register resources,
 * the sum of their versions) also catches changes made outside any server.
 */
@Component
@Interceptor
public class SharingAgreement {

    static final Duration MAX_AGE = Duration.ofSeconds(10);
    static final String REGISTER_CHANGES = "sharing-register";
    private static final List<String> REGISTER_TYPE_LIST = List.of("Group", "PractitionerRole", "Organization");
    private static final Set<String> REGISTER_TYPES = Set.copyOf(REGISTER_TYPE_LIST);

    private final DaoRegistry daoRegistry;
    private final StoredVersions storedVersions;
    private final ChangeCounters changes;
    private final Clock clock;
    private final AtomicReference<Signatories> signatories = new AtomicReference<>();
    private final ReentrantLock reloading = new ReentrantLock();

    public SharingAgreement(
            DaoRegistry daoRegistry, StoredVersions storedVersions, ChangeCounters changes, Clock clock) {
        this.daoRegistry = daoRegistry;
        this.storedVersions = storedVersions;
        this.changes = changes;
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
        changes.countOnCommit(REGISTER_CHANGES);
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
        long counted = changes.current(REGISTER_CHANGES);
        Signatories held = signatories.get();
        if (held != null && held.counted() == counted && !held.isOlderThan(MAX_AGE)) {
            return held;
        }
        // One request reloads. While a register that is only old (no change counted) is checked, the
        // others keep using it rather than all reading the register at once; a changed one is waited for.
        boolean changed = held == null || held.counted() != counted;
        if (!changed && !reloading.tryLock()) {
            return held;
        }
        if (changed) {
            reloading.lock();
        }
        try {
            Signatories current = signatories.get();
            if (current != null && current.counted() == counted && !current.isOlderThan(MAX_AGE)) {
                return current;
            }
            String stamp = storedVersions.of(REGISTER_TYPE_LIST);
            Signatories loaded = current != null
                            && current.counted() == counted
                            && current.stamp().equals(stamp)
                    ? new Signatories(current.memberships(), counted, stamp, System.nanoTime())
                    : load(counted, stamp);
            // not kept if the register changed here while loading: the next request loads again
            signatories.compareAndSet(current, loaded);
            return loaded;
        } finally {
            reloading.unlock();
        }
    }

    /** Every organisation's memberships, by ODS code, from the active agreements. */
    private Signatories load(long counted, String stamp) {
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
        return new Signatories(Map.copyOf(memberships), counted, stamp, loadedAt);
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

    private record Signatories(Map<String, List<Membership>> memberships, long counted, String stamp, long loadedAt) {

        boolean isOlderThan(Duration age) {
            return System.nanoTime() - loadedAt > age.toNanos();
        }
    }
}
