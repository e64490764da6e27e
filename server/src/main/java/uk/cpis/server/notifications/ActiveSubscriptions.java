package uk.cpis.server.notifications;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Subscription;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.OdsCodes;
import uk.cpis.server.database.StoredVersions;

/**
 * The councils' active Subscriptions, held in memory: every look-up of a child with a plan asks for
 * its councils' subscriptions, and a HAPI search (a four-table join, then the resources parsed) for
 * each was a fifth of such a look-up. Before each use one cheap query on the resource table (how many
 * Subscriptions, the sum of their versions: any create, change or delete, on any server, changes it)
 * tells whether they are still current; only then are they read again. So a council's new or ended
 * subscription counts from its very next notification, as when they were searched every time.
 */
@Component
class ActiveSubscriptions {

    /** What the notification queue needs of an active Subscription. */
    record Active(String id, String councilOds, Date end, String criteria) {

        boolean isOpenAt(Instant now) {
            return end == null || end.toInstant().isAfter(now);
        }
    }

    private record Held(String stamp, List<Active> subscriptions) {}

    private final DaoRegistry daoRegistry;
    private final StoredVersions storedVersions;
    private volatile Held held;

    ActiveSubscriptions(DaoRegistry daoRegistry, StoredVersions storedVersions) {
        this.daoRegistry = daoRegistry;
        this.storedVersions = storedVersions;
    }

    /** The council's active subscriptions whose end (if any) is after {@code now}. */
    List<Active> of(String councilOds, Instant now) {
        if (councilOds == null) {
            return List.of();
        }
        String stamp = storedVersions.of(List.of("Subscription"));
        Held current = held;
        if (current == null || !current.stamp().equals(stamp)) {
            // read after the stamp: a change committed in between makes the next use read them again
            current = new Held(stamp, load());
            held = current;
        }
        return current.subscriptions().stream()
                .filter(subscription -> councilOds.equals(subscription.councilOds()) && subscription.isOpenAt(now))
                .toList();
    }

    private List<Active> load() {
        SearchParameterMap query = SearchParameterMap.newSynchronous().add("status", new TokenParam("active"));
        return daoRegistry
                .getResourceDao("Subscription")
                .search(query, new SystemRequestDetails())
                .getAllResources()
                .stream()
                .map(Subscription.class::cast)
                .map(subscription -> new Active(
                        subscription.getIdElement().getIdPart(),
                        councilOf(subscription),
                        subscription.getEnd(),
                        subscription.getCriteria()))
                .filter(subscription -> subscription.councilOds() != null)
                .toList();
    }

    /** The council that owns it: the ODS code its tag names (set by {@link SubscriptionRules} when written). */
    private static String councilOf(Subscription subscription) {
        return OdsCodes.subscriberOf(subscription).orElse(null);
    }
}
