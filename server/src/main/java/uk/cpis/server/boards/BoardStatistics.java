package uk.cpis.server.boards;

import uk.cpis.server.contract.Codes;
import uk.cpis.server.contract.CodeSystems;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParam;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import ca.uhn.fhir.jpa.model.entity.TagTypeEnum;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uk.cpis.server.audit.AccessLog;
import uk.cpis.server.notifications.NotificationOutbox;
import uk.cpis.server.notifications.Notifications;

/**
 * The figures of the board statistics, in SQL over HAPI's index tables (PostgreSQL or H2): one pass
 * over the plans for the active, started and ended figures of every category; counts of the
 * unscheduled accesses, the distinct children accessed (a count HAPI's search cannot make) and the
 * repeat-attendance alerts (read by their tag); and a count of the notification queue's delivered rows.
 * These are exact counts, for any days: they are never published as they are, but only through
 * {@link StatisticsOperation}, for whole months ({@link ReportingPeriod}) and after
 * {@link DisclosureControl}.
 */
@Component
public class BoardStatistics {


	/** A plan category: its figure name and its SNOMED CT code. */
	public enum Category {
		CPP("342191000000101", "Child protection plan"),
		LAC("764841000000100", "Looked after child"),
		UCPP("818901000000100", "Unborn child protection plan");

		final String snomed;
		final String display;

		Category(String snomed, String display) {
			this.snomed = snomed;
			this.display = display;
		}
	}

	/** The period (whole days, both included) and the council, if only one. */
	public record Scope(LocalDate start, LocalDate end, Optional<Council> council) {

		/** The first instant of the period: whole days in the server's time zone, as the dates of the records it writes. */
		Instant from() {
			return start.atStartOfDay(ZoneId.systemDefault()).toInstant();
		}

		/** The first instant after the period. */
		Instant until() {
			return end.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant();
		}
	}

	/** A council: its reference, its database key (which the index tables refer to it by) and its ODS code. */
	public record Council(String reference, long pid, String ods) {}

	private final JdbcTemplate jdbc;
	private final PartitionSettings partitionSettings;
	private final NotificationOutbox outbox;
	private final AccessLog accessLog;

	public BoardStatistics(JdbcTemplate jdbc, PartitionSettings partitionSettings,
			NotificationOutbox outbox, AccessLog accessLog) {
		this.jdbc = jdbc;
		this.partitionSettings = partitionSettings;
		this.outbox = outbox;
		this.accessLog = accessLog;
	}

	/**
	 * The plan figures of the period, by category, in one pass over the plans' index rows: active on the
	 * last day (started by it, not ended by it), started in the period, ended in the period. Plans
	 * entered in error are not counted. (Sixteen HAPI count searches took 2.5 s on the national set.)
	 */
	public PlanFigures planFigures(Scope scope) {
		RequestPartitionId partition = RequestPartitionId.defaultPartition();
		List<Object> arguments = new ArrayList<>();
		int first = ordinal(scope.start());
		int last = ordinal(scope.end());
		arguments.addAll(List.of(last, last, first, last, first, last));
		Map<Long, Category> byHash = new HashMap<>();
		for (Category category : Category.values()) {
			long hash = ResourceIndexedSearchParamToken.calculateHashSystemAndValue(partitionSettings, partition,
					"Flag", "code", CodeSystems.SNOMED, category.snomed);
			byHash.put(hash, category);
			arguments.add(hash);
		}
		arguments.add(BaseResourceIndexedSearchParam.calculateHashIdentity(partitionSettings, partition, "Flag", "period-start"));
		arguments.add(BaseResourceIndexedSearchParam.calculateHashIdentity(partitionSettings, partition, "Flag", "period-end"));
		// the status is a code (no system): matched on its value, as HAPI's status:not= search does
		arguments.add(ResourceIndexedSearchParamToken.calculateHashValue(partitionSettings, partition,
				"Flag", "status", "entered-in-error"));
		String sql = """
				select code.hash_sys_and_value,
				       count(*) filter (where started.sp_value_low_date_ordinal <= ?
				                          and (ended.sp_value_low_date_ordinal is null or ended.sp_value_low_date_ordinal > ?)),
				       count(*) filter (where started.sp_value_low_date_ordinal between ? and ?),
				       count(*) filter (where ended.sp_value_low_date_ordinal between ? and ?)
				  from hfj_resource flag
				  join hfj_spidx_token code on code.res_id = flag.res_id and code.hash_sys_and_value in (?, ?, ?)
				  left join hfj_spidx_date started on started.res_id = flag.res_id and started.hash_identity = ?
				  left join hfj_spidx_date ended on ended.res_id = flag.res_id and ended.hash_identity = ?
				 where flag.res_type = 'Flag' and flag.res_deleted_at is null
				   and not exists (select 1 from hfj_spidx_token status
				                    where status.res_id = flag.res_id and status.hash_value = ?)
				""";
		if (scope.council().isPresent()) {
			sql += """
					   and exists (select 1 from hfj_res_link author
					                where author.src_resource_id = flag.res_id and author.src_path = 'Flag.author'
					                  and author.target_resource_id = ?)
					""";
			arguments.add(scope.council().get().pid());
		}
		Map<Category, PlanCounts> figures = new EnumMap<>(Category.class);
		jdbc.query(sql + " group by code.hash_sys_and_value", row -> {
			figures.put(byHash.get(row.getLong(1)), new PlanCounts(row.getInt(2), row.getInt(3), row.getInt(4)));
		}, arguments.toArray());
		return new PlanFigures(figures);
	}

	/** Plans active on the last day, started and ended in the period. */
	public record PlanCounts(int active, int started, int ended) {

		static final PlanCounts NONE = new PlanCounts(0, 0, 0);
	}

	/** The plan counts by category; a null category is all of them. */
	public record PlanFigures(Map<Category, PlanCounts> byCategory) {

		public PlanCounts of(Category category) {
			if (category != null) {
				return byCategory.getOrDefault(category, PlanCounts.NONE);
			}
			return byCategory.values().stream().reduce(PlanCounts.NONE, (a, b) ->
					new PlanCounts(a.active() + b.active(), a.started() + b.started(), a.ended() + b.ended()));
		}
	}

	/**
	 * Unscheduled access records (one per look-up in unscheduled care) in the period: stored AuditEvents,
	 * and nationally also the look-ups that showed nothing ({@link AccessLog}: they name no council).
	 */
	public int unscheduledAccesses(Scope scope) {
		List<Object> arguments = new ArrayList<>(List.of(unscheduledHash()));
		String sql = """
				select count(*)
				  from hfj_spidx_token token
				  join hfj_resource audit on audit.res_id = token.res_id and audit.res_deleted_at is null
				 where token.hash_value = ?
				""" + recordedIn(scope, "token.res_id", arguments) + namingCouncil(scope, "token.res_id", arguments);
		long nothingShown = scope.council().isPresent() ? 0 : accessLog.unscheduledBetween(scope.from(), scope.until());
		return Math.toIntExact(countOf(sql, arguments) + nothingShown);
	}

	/** Distinct children (or mothers, for unborn plans) named by the unscheduled access records of the period. */
	public int childrenAccessed(Scope scope) {
		List<Object> arguments = new ArrayList<>(List.of(unscheduledHash()));
		String sql = """
				select count(distinct link.target_resource_id)
				  from hfj_res_link link
				  join hfj_resource audit on audit.res_id = link.src_resource_id and audit.res_deleted_at is null
				 where link.source_resource_type = 'AuditEvent' and link.src_path = 'AuditEvent.entity.what'
				   and link.target_resource_type = 'Patient'
				   and exists (select 1 from hfj_spidx_token token
				                where token.res_id = link.src_resource_id and token.hash_value = ?)
				""" + recordedIn(scope, "link.src_resource_id", arguments) + namingCouncil(scope, "link.src_resource_id", arguments);
		return countOf(sql, arguments);
	}

	/**
	 * Repeat-attendance alerts: the unscheduled access records of the period tagged {@code repeat-attendance}
	 * when stored (the access completed the pattern, so the council's notification of it is an alert).
	 */
	public int repeatAttendanceAlerts(Scope scope) {
		// the tag's key first, so that the planner sees how few records carry it (and reads them by the tag index)
		List<Long> tags = jdbc.queryForList("select tag_id from hfj_tag_def where tag_type = ? and tag_code = ? and tag_system = ?",
				Long.class, TagTypeEnum.TAG.ordinal(), Codes.REPEAT_ATTENDANCE, CodeSystems.NOTIFICATION_TAG);
		if (tags.isEmpty()) {
			return 0;
		}
		List<Object> arguments = new ArrayList<>(tags);
		String sql = """
				select count(distinct tag.res_id)
				  from hfj_res_tag tag
				  join hfj_resource audit on audit.res_id = tag.res_id and audit.res_deleted_at is null
				 where tag.tag_id in (%s) and tag.res_type = 'AuditEvent'
				""".formatted(String.join(", ", Collections.nCopies(tags.size(), "?")))
				+ recordedIn(scope, "tag.res_id", arguments) + namingCouncil(scope, "tag.res_id", arguments);
		return countOf(sql, arguments);
	}

	/**
	 * Notifications delivered: deliveries the councils' endpoints acknowledged in the period, by the
	 * queue's own record (one per notification and subscription).
	 */
	public int notificationsDelivered(Scope scope) {
		long count = outbox.deliveredBetween(scope.from(), scope.until(), scope.council().map(Council::ods));
		return (int) Math.min(count, Integer.MAX_VALUE);
	}

	/** The index key of an access record's type "unscheduled": a code (no system), matched on its value, as the look-up does. */
	private long unscheduledHash() {
		return ResourceIndexedSearchParamToken.calculateHashValue(partitionSettings, RequestPartitionId.defaultPartition(),
				"AuditEvent", "access-type", Codes.UNSCHEDULED);
	}

	/** An access record (its key in {@code column}) recorded on a day of the period. */
	private String recordedIn(Scope scope, String column, List<Object> arguments) {
		arguments.addAll(List.of(BaseResourceIndexedSearchParam.calculateHashIdentity(partitionSettings,
				RequestPartitionId.defaultPartition(), "AuditEvent", "date"), ordinal(scope.start()), ordinal(scope.end())));
		return """
				   and exists (select 1 from hfj_spidx_date recorded
				                where recorded.res_id = %s and recorded.hash_identity = ?
				                  and recorded.sp_value_low_date_ordinal between ? and ?)
				""".formatted(column);
	}

	/** An access record (its key in {@code column}) naming the council, if the scope is one council. */
	private static String namingCouncil(Scope scope, String column, List<Object> arguments) {
		if (scope.council().isEmpty()) {
			return "";
		}
		arguments.add(scope.council().get().pid());
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

	/** The database key of a stored Organization, which the index tables refer to it by. */
	public long organisationPid(String id) {
		Long pid = jdbc.queryForObject("select res_id from hfj_resource where res_type = 'Organization' and fhir_id = ?",
				Long.class, id);
		return pid == null ? -1 : pid;
	}

	private static int ordinal(LocalDate day) {
		return Integer.parseInt(day.format(DateTimeFormatter.BASIC_ISO_DATE));
	}
}
