package uk.cpis.server.database;

import ca.uhn.fhir.jpa.model.entity.TagTypeEnum;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Flag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The board statistics' counts, in SQL over HAPI's index tables (PostgreSQL or H2), for a period of
 * whole days given as HAPI's date ordinals ({@code yyyymmdd}, both days included) and optionally one
 * council (its Organization's row key): what HAPI's search cannot count in one pass (plans by category
 * and by start, end and activity; distinct children). Keys are {@link HapiIndexTables}'.
 */
@Component
public class HapiStatisticsTables {

    /** A period of whole days as HAPI's date ordinals, and the council's row key if only one council. */
    public record Period(int firstDay, int lastDay, OptionalLong councilRow) {}

    /** Plans active on the last day, started and ended in the period. */
    public record PlanCounts(int active, int started, int ended) {}

    private final JdbcTemplate jdbc;
    private final HapiIndexTables keys;

    public HapiStatisticsTables(DataSource dataSource, HapiIndexTables keys) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.keys = keys;
    }

    /**
     * The plan counts of the period by plan code (SNOMED CT), in one pass over the plans' index rows:
     * active on the last day (started by it, not ended by it), started in it, ended in it. Plans
     * entered in error are not counted.
     */
    public Map<String, PlanCounts> planCounts(Period period, String codeSystem, List<String> planCodes) {
        List<Object> arguments = new ArrayList<>(List.of(
                period.lastDay(),
                period.lastDay(),
                period.firstDay(),
                period.lastDay(),
                period.firstDay(),
                period.lastDay()));
        Map<Long, String> codeByKey = new HashMap<>();
        for (String code : planCodes) {
            long key = keys.tokenKey("Flag", "code", codeSystem, code);
            codeByKey.put(key, code);
            arguments.add(key);
        }
        arguments.add(keys.parameterKey("Flag", "period-start"));
        arguments.add(keys.parameterKey("Flag", "period-end"));
        // the status is a code (no system): matched on its value, as HAPI's status:not= search does
        arguments.add(keys.tokenValueKey("Flag", "status", Flag.FlagStatus.ENTEREDINERROR.toCode()));
        String sql = """
				select code.hash_sys_and_value,
				       count(*) filter (where started.sp_value_low_date_ordinal <= ?
				                          and (ended.sp_value_low_date_ordinal is null or ended.sp_value_low_date_ordinal > ?)),
				       count(*) filter (where started.sp_value_low_date_ordinal between ? and ?),
				       count(*) filter (where ended.sp_value_low_date_ordinal between ? and ?)
				  from hfj_resource flag
				  join hfj_spidx_token code on code.res_id = flag.res_id and code.hash_sys_and_value in (%s)
				  left join hfj_spidx_date started on started.res_id = flag.res_id and started.hash_identity = ?
				  left join hfj_spidx_date ended on ended.res_id = flag.res_id and ended.hash_identity = ?
				 where flag.res_type = 'Flag' and flag.res_deleted_at is null
				   and not exists (select 1 from hfj_spidx_token status
				                    where status.res_id = flag.res_id and status.hash_value = ?)
				""".formatted(placeholders(planCodes.size()));
        if (period.councilRow().isPresent()) {
            sql += """
					   and exists (select 1 from hfj_res_link author
					                where author.src_resource_id = flag.res_id and author.src_path = 'Flag.author'
					                  and author.target_resource_id = ?)
					""";
            arguments.add(period.councilRow().getAsLong());
        }
        Map<String, PlanCounts> counts = new HashMap<>();
        jdbc.query(
                sql + " group by code.hash_sys_and_value",
                row -> {
                    counts.put(
                            codeByKey.get(row.getLong(1)), new PlanCounts(row.getInt(2), row.getInt(3), row.getInt(4)));
                },
                arguments.toArray());
        return counts;
    }

    /** Stored AuditEvents of the period whose {@code access-type} is this code, naming the council if one. */
    public int accessRecords(Period period, String accessType) {
        List<Object> arguments = new ArrayList<>(List.of(keys.tokenValueKey("AuditEvent", "access-type", accessType)));
        String sql =
                """
				select count(*)
				  from hfj_spidx_token token
				  join hfj_resource audit on audit.res_id = token.res_id and audit.res_deleted_at is null
				 where token.hash_value = ?
				""" + recordedIn(period, "token.res_id", arguments) + namingCouncil(period, "token.res_id", arguments);
        return countOf(sql, arguments);
    }

    /** Distinct Patients named by the period's AuditEvents of this {@code access-type}, naming the council if one. */
    public int patientsNamedByAccessRecords(Period period, String accessType) {
        List<Object> arguments = new ArrayList<>(List.of(keys.tokenValueKey("AuditEvent", "access-type", accessType)));
        String sql = """
				select count(distinct link.target_resource_id)
				  from hfj_res_link link
				  join hfj_resource audit on audit.res_id = link.src_resource_id and audit.res_deleted_at is null
				 where link.source_resource_type = 'AuditEvent' and link.src_path = 'AuditEvent.entity.what'
				   and link.target_resource_type = 'Patient'
				   and exists (select 1 from hfj_spidx_token token
				                where token.res_id = link.src_resource_id and token.hash_value = ?)
				""" + recordedIn(period, "link.src_resource_id", arguments)
                + namingCouncil(period, "link.src_resource_id", arguments);
        return countOf(sql, arguments);
    }

    /** The period's AuditEvents carrying this tag, naming the council if one. */
    public int taggedAuditEvents(Period period, String tagSystem, String tagCode) {
        // the tag's key first, so that the planner sees how few records carry it (and reads them by the tag index)
        List<Long> tags = jdbc.queryForList(
                "select tag_id from hfj_tag_def where tag_type = ? and tag_code = ? and tag_system = ?",
                Long.class,
                TagTypeEnum.TAG.ordinal(),
                tagCode,
                tagSystem);
        if (tags.isEmpty()) {
            return 0;
        }
        List<Object> arguments = new ArrayList<>(tags);
        String sql = """
				select count(distinct tag.res_id)
				  from hfj_res_tag tag
				  join hfj_resource audit on audit.res_id = tag.res_id and audit.res_deleted_at is null
				 where tag.tag_id in (%s) and tag.res_type = 'AuditEvent'
				""".formatted(placeholders(tags.size()))
                + recordedIn(period, "tag.res_id", arguments)
                + namingCouncil(period, "tag.res_id", arguments);
        return countOf(sql, arguments);
    }

    /** An AuditEvent (its key in {@code column}) recorded on a day of the period. */
    private String recordedIn(Period period, String column, List<Object> arguments) {
        arguments.addAll(List.of(keys.parameterKey("AuditEvent", "date"), period.firstDay(), period.lastDay()));
        return """
				   and exists (select 1 from hfj_spidx_date recorded
				                where recorded.res_id = %s and recorded.hash_identity = ?
				                  and recorded.sp_value_low_date_ordinal between ? and ?)
				""".formatted(column);
    }

    /** An AuditEvent (its key in {@code column}) naming the council, if the period is of one council. */
    private static String namingCouncil(Period period, String column, List<Object> arguments) {
        if (period.councilRow().isEmpty()) {
            return "";
        }
        arguments.add(period.councilRow().getAsLong());
        return """
				   and exists (select 1 from hfj_res_link council
				                where council.src_resource_id = %s
				                  and council.target_resource_type = 'Organization' and council.target_resource_id = ?)
				""".formatted(column);
    }

    private int countOf(String sql, List<Object> arguments) {
        Integer count = jdbc.queryForObject(sql, Integer.class, arguments.toArray());
        return count == null ? 0 : count;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
