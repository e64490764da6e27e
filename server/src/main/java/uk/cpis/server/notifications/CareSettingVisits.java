package uk.cpis.server.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uk.cpis.server.database.DatabaseKind;

/**
 * Where each child was last looked up from, unscheduled: one row per child and care setting with the
 * time of the latest such access, in the table {@value #TABLE}. It is an index of the access records
 * (written in the transaction that stores each one), so that the repeat-attendance count is one
 * indexed query however often a child was looked up, rather than a read of every access record in
 * the window.
 */
@Component
public class CareSettingVisits {

    static final String TABLE = "cpis_care_setting_visit";

    private final JdbcTemplate jdbc;
    private final String upsert;

    public CareSettingVisits(DataSource dataSource, DatabaseKind databaseKind) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + "patient VARCHAR(100) NOT NULL, "
                + "ods_code VARCHAR(20) NOT NULL, "
                + "care_setting VARCHAR(64) NOT NULL, "
                + "last_seen TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "PRIMARY KEY (patient, ods_code, care_setting))");
        this.upsert = switch (databaseKind) {
            // atomic under concurrent look-ups of the same child from the same setting
            case POSTGRESQL ->
                "INSERT INTO " + TABLE + " (patient, ods_code, care_setting, last_seen) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (patient, ods_code, care_setting)"
                        + " DO UPDATE SET last_seen = GREATEST(" + TABLE + ".last_seen, EXCLUDED.last_seen)";
            case EMBEDDED_H2 ->
                "MERGE INTO " + TABLE + " t USING (VALUES (CAST(? AS VARCHAR(100)), CAST(? AS VARCHAR(20)),"
                        + " CAST(? AS VARCHAR(64)), CAST(? AS TIMESTAMP WITH TIME ZONE))) s(patient, ods_code, care_setting, last_seen)"
                        + " ON t.patient = s.patient AND t.ods_code = s.ods_code AND t.care_setting = s.care_setting"
                        + " WHEN MATCHED THEN UPDATE SET t.last_seen = GREATEST(t.last_seen, s.last_seen)"
                        + " WHEN NOT MATCHED THEN INSERT (patient, ods_code, care_setting, last_seen)"
                        + " VALUES (s.patient, s.ods_code, s.care_setting, s.last_seen)";
        };
    }

    /** Notes an unscheduled access; joins the caller's transaction. */
    void record(String patientReference, RepeatAttendance.CareSetting setting, Instant when) {
        jdbc.update(upsert, patientReference, setting.odsCode(), setting.kind(), Timestamp.from(when));
    }

    /** The care settings the child was looked up from, unscheduled, between {@code from} and {@code to}. */
    Set<RepeatAttendance.CareSetting> between(String patientReference, Instant from, Instant to) {
        return new LinkedHashSet<>(jdbc.query(
                "SELECT ods_code, care_setting FROM " + TABLE
                        + " WHERE patient = ? AND last_seen >= ? AND last_seen <= ?",
                (row, index) -> new RepeatAttendance.CareSetting(row.getString(1), row.getString(2)),
                patientReference,
                Timestamp.from(from),
                Timestamp.from(to)));
    }
}
