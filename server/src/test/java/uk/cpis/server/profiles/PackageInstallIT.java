package uk.cpis.server.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.cpis.server.testsupport.PostgresServerTest;

/**
 * A start on a database that already holds the CP-IS package file skips the installation; any other
 * file (a new release, or a record that does not match) is installed again, so the stored profiles,
 * terminology and search parameters are never older than the package the server ships.
 */
class PackageInstallIT extends PostgresServerTest {

    @Autowired
    CpisPackageInstaller installer;

    @Autowired
    CpisPackageProperties properties;

    @Autowired
    ResourceLoader resourceLoader;

    @Autowired
    DataSource dataSource;

    @Test
    void theInstalledPackageIsRecordedWithTheDigestOfTheShippedFile() throws Exception {
        Map<String, Object> row = installedRow();

        assertThat(row.get("name")).isEqualTo("uk.cpis.fhir");
        assertThat(row.get("sha256")).isEqualTo(shippedDigest());
    }

    @Test
    void anUnchangedPackageIsNotInstalledAgainAndADifferentOneIs() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Timestamp firstInstall = (Timestamp) installedRow().get("installed_at");

        installer.prepare();
        assertThat(installedRow().get("installed_at")).isEqualTo(firstInstall);

        jdbc.update("UPDATE " + CpisPackageInstaller.TABLE + " SET sha256 = 'an older release'");
        installer.prepare();
        Map<String, Object> reinstalled = installedRow();
        assertThat(reinstalled.get("sha256")).isEqualTo(shippedDigest());
        assertThat((Timestamp) reinstalled.get("installed_at")).isAfter(firstInstall);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM hfj_resource WHERE res_type = 'StructureDefinition' AND res_deleted_at IS NULL",
                        Integer.class))
                .isPositive();
    }

    private Map<String, Object> installedRow() {
        return new JdbcTemplate(dataSource)
                .queryForMap("SELECT name, sha256, installed_at FROM " + CpisPackageInstaller.TABLE);
    }

    private String shippedDigest() throws Exception {
        try (InputStream in =
                resourceLoader.getResource(properties.packageLocation()).getInputStream()) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }
}
