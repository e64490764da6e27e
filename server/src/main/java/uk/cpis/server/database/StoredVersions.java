package uk.cpis.server.database;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A cheap fingerprint of the stored resources of some types, for what the server holds in memory
 * (the sharing register, the councils' subscriptions): how many there are and the sum of their
 * versions. Every create, update, delete or expunge, on any server of a cluster, changes it, so a
 * holder compares it with the one it loaded under and reads again only when it differs. Read it
 * before loading: a change committed in between makes the next comparison differ.
 */
@Component
public class StoredVersions {

    private final HapiIndexTables tables;

    public StoredVersions(HapiIndexTables tables) {
        this.tables = tables;
    }

    /** The fingerprint of the resources of these types (PostgreSQL and H2). */
    public String of(List<String> resourceTypes) {
        return tables.countAndVersionSum(resourceTypes);
    }
}
