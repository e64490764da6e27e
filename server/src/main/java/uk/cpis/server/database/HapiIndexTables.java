package uk.cpis.server.database;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParam;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one place the server reads or tunes HAPI's own tables ({@code hfj_*}) and computes HAPI's index
 * keys, for the few questions asked too often, or too broadly, to go through HAPI's search machinery:
 * the look-up of a child by NHS number (hundreds a second, nine in ten about a child CP-IS knows
 * nothing of), the board statistics ({@link HapiStatisticsTables}), the stored-versions fingerprint
 * ({@link StoredVersions}) and the link table's planner statistics ({@link JoinPlanningStatistics}).
 * HAPI's schema and hashing are internal to HAPI: {@link #COLUMNS_READ} lists every column used here
 * and in {@link HapiStatisticsTables}, and the test {@code HapiIndexTablesIT} fails if a HAPI upgrade
 * renames one or hashes index keys differently.
 *
 * <p>Everything here is the default partition (CP-IS does not partition).
 */
@Component
public class HapiIndexTables {

    /** Every HAPI table column the server's own SQL uses (table.column); nothing outside this package uses any. */
    public static final List<String> COLUMNS_READ = List.of(
            "hfj_resource.res_id",
            "hfj_resource.res_type",
            "hfj_resource.res_ver",
            "hfj_resource.res_deleted_at",
            "hfj_resource.fhir_id",
            "hfj_spidx_token.res_id",
            "hfj_spidx_token.hash_sys_and_value",
            "hfj_spidx_token.hash_value",
            "hfj_spidx_date.res_id",
            "hfj_spidx_date.hash_identity",
            "hfj_spidx_date.sp_value_low_date_ordinal",
            "hfj_res_link.src_resource_id",
            "hfj_res_link.target_resource_id",
            "hfj_res_link.src_path",
            "hfj_res_link.source_resource_type",
            "hfj_res_link.target_resource_type",
            "hfj_res_tag.res_id",
            "hfj_res_tag.tag_id",
            "hfj_res_tag.res_type",
            "hfj_tag_def.tag_id",
            "hfj_tag_def.tag_type",
            "hfj_tag_def.tag_code",
            "hfj_search.search_uuid",
            "hfj_search.resource_type",
            "hfj_tag_def.tag_system");

    private static final String PEOPLE_WITH_IDENTIFIER = "SELECT t.res_id FROM hfj_spidx_token t"
            + " JOIN hfj_resource r ON r.res_id = t.res_id WHERE t.hash_sys_and_value = ? AND r.res_deleted_at IS NULL"
            + " ORDER BY t.res_id";
    private static final String PLANS_OF = "SELECT l.src_resource_id FROM hfj_res_link l"
            + " JOIN hfj_resource r ON r.res_id = l.src_resource_id"
            + " WHERE l.target_resource_id = ? AND l.src_path = 'Flag.subject' AND r.res_deleted_at IS NULL"
            + " ORDER BY l.src_resource_id";

    /** The row keys of {@code hfj_res_link} whose statistics HAPI's migration raises ({@link JoinPlanningStatistics}). */
    static final List<String> LINK_ROW_KEYS = List.of("src_resource_id", "target_resource_id");

    private final JdbcTemplate jdbc;
    private final PartitionSettings partitionSettings;

    public HapiIndexTables(DataSource dataSource, PartitionSettings partitionSettings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.partitionSettings = partitionSettings;
    }

    /** HAPI's key of a token search value with its system ({@code hash_sys_and_value}). */
    public long tokenKey(String resourceType, String parameter, String system, String value) {
        return ResourceIndexedSearchParamToken.calculateHashSystemAndValue(
                partitionSettings, RequestPartitionId.defaultPartition(), resourceType, parameter, system, value);
    }

    /** HAPI's key of a token search value without a system ({@code hash_value}), as a code is matched. */
    public long tokenValueKey(String resourceType, String parameter, String value) {
        return ResourceIndexedSearchParamToken.calculateHashValue(
                partitionSettings, RequestPartitionId.defaultPartition(), resourceType, parameter, value);
    }

    /** HAPI's key of a search parameter of a type ({@code hash_identity}), as date index rows carry it. */
    public long parameterKey(String resourceType, String parameter) {
        return BaseResourceIndexedSearchParam.calculateHashIdentity(
                partitionSettings, RequestPartitionId.defaultPartition(), resourceType, parameter);
    }

    /** The row keys of the live Patients with this identifier, oldest first (one per council's record). */
    public List<Long> patientRowsWithIdentifier(String system, String value) {
        return jdbc.queryForList(PEOPLE_WITH_IDENTIFIER, Long.class, tokenKey("Patient", "identifier", system, value));
    }

    /** The row keys of the live Flags whose subject is this Patient row, oldest first. */
    public List<Long> planRowsOf(long patientRow) {
        return jdbc.queryForList(PLANS_OF, Long.class, patientRow);
    }

    /** The row key of a stored Organization, which the index tables refer to it by; -1 if none. */
    public long organisationRow(String id) {
        List<Long> rows = jdbc.queryForList(
                "select res_id from hfj_resource where res_type = 'Organization' and fhir_id = ?", Long.class, id);
        return rows.isEmpty() ? -1 : rows.get(0);
    }

    /** How many resources of these types are stored and the sum of their versions ({@link StoredVersions}). */
    /** The resource type a stored search (a paging link's {@code _getpages} id) was of; none if unknown. */
    public List<String> typeOfSearch(String searchId) {
        return jdbc.queryForList("SELECT resource_type FROM hfj_search WHERE search_uuid = ?", String.class, searchId);
    }

    String countAndVersionSum(List<String> resourceTypes) {
        String placeholders = String.join(", ", java.util.Collections.nCopies(resourceTypes.size(), "?"));
        return jdbc.queryForObject(
                "SELECT count(*) || '/' || coalesce(sum(res_ver), 0) FROM hfj_resource" + " WHERE res_type IN ("
                        + placeholders + ")",
                String.class,
                resourceTypes.toArray());
    }

    /** Whether PostgreSQL keeps a raised statistics target for this row key of {@code hfj_res_link}. */
    boolean hasRaisedStatistics(String linkRowKey) {
        List<Integer> target = jdbc.queryForList(
                "SELECT coalesce(attstattarget, -1) FROM pg_attribute"
                        + " WHERE attrelid = 'hfj_res_link'::regclass AND attname = '" + linkRowKey + "'",
                Integer.class);
        return !target.isEmpty() && target.get(0) > 0;
    }

    /** Sets this row key of {@code hfj_res_link} back to the database's default statistics, and analyses it. */
    void resetStatistics(String linkRowKey) {
        jdbc.execute("ALTER TABLE hfj_res_link ALTER COLUMN " + linkRowKey + " SET STATISTICS -1");
        jdbc.execute("ANALYZE hfj_res_link (" + linkRowKey + ")");
    }
}
