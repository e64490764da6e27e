package uk.cpis.server.profiles;

import ca.uhn.fhir.batch2.config.Batch2JobRegisterer;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallOutcomeJson;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uk.cpis.server.fhir.StartUpStep;

/**
 * Installs the CP-IS FHIR package (profiles, terminology, search parameters) into the server with
 * HAPI's package installer, offline from the classpath, before the server takes any request: its
 * StructureDefinitions feed validation and its SearchParameters are indexed like any other.
 *
 * <p>A database that already holds this very package (same name, version and SHA-256 of the file,
 * recorded in {@value #TABLE} after each successful installation) is left as it is: re-installing
 * an unchanged package compared every one of its resources with the stored one, the longest step of
 * a start on an existing database. Any change to the package file installs it again.
 */
@Component
public class CpisPackageInstaller implements StartUpStep {

    private static final Logger log = LoggerFactory.getLogger(CpisPackageInstaller.class);

    static final String TABLE = "cpis_installed_package";

    private final Batch2JobRegisterer jobRegisterer;
    private final IPackageInstallerSvc packageInstaller;
    private final CpisPackageProperties properties;
    private final ResourceLoader resourceLoader;
    private final JdbcTemplate jdbc;

    public CpisPackageInstaller(
            Batch2JobRegisterer jobRegisterer,
            IPackageInstallerSvc packageInstaller,
            CpisPackageProperties properties,
            ResourceLoader resourceLoader,
            DataSource dataSource) {
        this.jobRegisterer = jobRegisterer;
        this.packageInstaller = packageInstaller;
        this.properties = properties;
        this.resourceLoader = resourceLoader;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void prepare() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (name VARCHAR(200) NOT NULL PRIMARY KEY,"
                + " version VARCHAR(100) NOT NULL, sha256 VARCHAR(64) NOT NULL, installed_at TIMESTAMP NOT NULL)");
        byte[] contents = read(resourceLoader.getResource(properties.packageLocation()));
        NpmPackage npmPackage = parse(contents);
        String sha256 = sha256(contents);
        List<Integer> installed = jdbc.queryForList(
                "SELECT 1 FROM " + TABLE + " WHERE name = ? AND version = ? AND sha256 = ?",
                Integer.class,
                npmPackage.name(),
                npmPackage.version(),
                sha256);
        if (!installed.isEmpty()) {
            log.info(
                    "CP-IS package {}#{} already installed (same file), not installed again",
                    npmPackage.name(),
                    npmPackage.version());
            return;
        }
        install(contents, npmPackage);
        recordInstalled(npmPackage, sha256);
    }

    /** Recorded only once the installation has succeeded: a failed one is tried again at the next start. */
    private void recordInstalled(NpmPackage npmPackage, String sha256) {
        if (jdbc.update(
                        "UPDATE " + TABLE
                                + " SET version = ?, sha256 = ?, installed_at = CURRENT_TIMESTAMP WHERE name = ?",
                        npmPackage.version(),
                        sha256,
                        npmPackage.name())
                > 0) {
            return;
        }
        try {
            jdbc.update(
                    "INSERT INTO " + TABLE
                            + " (name, version, sha256, installed_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)",
                    npmPackage.name(),
                    npmPackage.version(),
                    sha256);
        } catch (DataIntegrityViolationException recordedByAnotherServer) {
            // two servers starting together on one database both installed it; either record will do
        }
    }

    private static String sha256(byte[] contents) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(contents));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void install(byte[] contents, NpmPackage npmPackage) {
        long start = System.currentTimeMillis();
        // New SearchParameters start a reindex job, whose definition HAPI otherwise registers only
        // once the context has refreshed, after this phase.
        jobRegisterer.start();
        PackageInstallOutcomeJson outcome = packageInstaller.install(new PackageInstallationSpec()
                .setName(npmPackage.name())
                .setVersion(npmPackage.version())
                .setPackageContents(contents)
                .setInstallMode(PackageInstallationSpec.InstallModeEnum.STORE_AND_INSTALL)
                .setFetchDependencies(false));
        log.info(
                "CP-IS package {}#{} installed in {} ms: {}",
                npmPackage.name(),
                npmPackage.version(),
                System.currentTimeMillis() - start,
                outcome.getResourcesInstalled());
    }

    private static byte[] read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The CP-IS package is missing at " + resource
                            + ": build the profiles module (mvn install) before starting the server",
                    e);
        }
    }

    private static NpmPackage parse(byte[] contents) {
        try {
            return NpmPackage.fromPackage(new java.io.ByteArrayInputStream(contents));
        } catch (IOException e) {
            throw new UncheckedIOException("The CP-IS package is not a valid FHIR NPM package", e);
        }
    }
}
