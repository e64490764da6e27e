package uk.cpis.server.audit;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uk.cpis.server.contract.Extensions;
import uk.cpis.server.contract.IdentifierSystems;

/**
 * The access records of look-ups that showed nothing: nine look-ups in ten, in an emergency
 * department, are of a child CP-IS knows nothing about. Such a record names no child, no plan and no
 * council, so no search, notification or alert can ever find it; only the board statistics count it
 * and an auditor asks for it by NHS number. It is the same AuditEvent as any access record (the CP-IS
 * access profile, with its own id), kept whole as JSON in one row of the table {@value #TABLE}, with
 * the columns those questions use.
 *
 * <p>One insert, committed before it returns, so the answer still waits for its record (fail closed,
 * like {@link AuditTrail}); a HAPI resource write of the same record costs many times the CPU
 * (index extraction, history, index rows, flush).
 */
@Component
public class AccessLog {

    static final String TABLE = "cpis_access_log";

    private final JdbcTemplate jdbc;
    private final FhirContext fhirContext;
    private final Timer writes;

    public AccessLog(DataSource dataSource, FhirContext fhirContext, MeterRegistry meters) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.fhirContext = fhirContext;
        this.writes = AuditTrail.writeTimer(meters, "access-nothing-shown");
        createTableIfMissing();
    }

    /** Portable DDL (PostgreSQL and H2), beside HAPI's schema like the notification queue. */
    private void createTableIfMissing() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + "id VARCHAR(64) NOT NULL PRIMARY KEY, "
                + "recorded TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "access_type VARCHAR(20) NOT NULL, "
                + "nhs_number VARCHAR(20), "
                + "ods_code VARCHAR(20), "
                + "record TEXT NOT NULL)");
        // the statistics count unscheduled accesses in a period; an auditor asks who looked a number up
        jdbc.execute(
                "CREATE INDEX IF NOT EXISTS cpis_access_log_type_recorded ON " + TABLE + " (access_type, recorded)");
        jdbc.execute("CREATE INDEX IF NOT EXISTS cpis_access_log_nhs_number ON " + TABLE + " (nhs_number, recorded)");
    }

    /** Stores the record (given its id here) and commits it; throws if it could not be stored. */
    public void store(AuditEvent record) {
        String id = UUID.randomUUID().toString();
        record.setId(id);
        record.getMeta().setVersionId("1").setLastUpdated(record.getRecorded());
        String json = fhirContext.newJsonParser().encodeResourceToString(record);
        writes.record(() -> jdbc.update(
                "INSERT INTO " + TABLE + " (id, recorded, access_type, nhs_number, ods_code, record)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                id,
                Timestamp.from(record.getRecorded().toInstant()),
                accessType(record),
                nhsNumber(record),
                odsCode(record),
                json));
    }

    /** Unscheduled accesses recorded from {@code from} (included) to {@code to} (excluded). */
    public long unscheduledBetween(Instant from, Instant to) {
        Long count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + TABLE + " WHERE access_type = ? AND recorded >= ? AND recorded < ?",
                Long.class,
                AccessType.UNSCHEDULED.code(),
                Timestamp.from(from),
                Timestamp.from(to));
        return count == null ? 0 : count;
    }

    /** The records of look-ups of this NHS number from {@code since}, newest first. */
    public List<AuditEvent> lookUpsOf(String nhsNumber, Date since) {
        return jdbc.query(
                "SELECT record FROM " + TABLE + " WHERE nhs_number = ? AND recorded >= ? ORDER BY recorded DESC",
                (row, index) -> fhirContext.newJsonParser().parseResource(AuditEvent.class, row.getString(1)),
                nhsNumber,
                new Timestamp(since.getTime()));
    }

    private static String accessType(AuditEvent record) {
        Extension type = record.getExtensionByUrl(Extensions.ACCESS_TYPE);
        return type == null ? AccessType.UNSCHEDULED.code() : type.getValue().primitiveValue();
    }

    private static String nhsNumber(AuditEvent record) {
        return valueIn(
                record.getEntity().stream().map(entity -> entity.getWhat().getIdentifier()),
                IdentifierSystems.NHS_NUMBER);
    }

    private static String odsCode(AuditEvent record) {
        return valueIn(
                record.getAgent().stream().map(agent -> agent.getWho().getIdentifier()), IdentifierSystems.ODS_CODE);
    }

    private static String valueIn(Stream<Identifier> identifiers, String system) {
        return identifiers
                .filter(identifier -> system.equals(identifier.getSystem()))
                .map(Identifier::getValue)
                .findFirst()
                .orElse(null);
    }
}
