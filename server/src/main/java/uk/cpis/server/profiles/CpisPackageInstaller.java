package uk.cpis.server.profiles;

import ca.uhn.fhir.batch2.config.Batch2JobRegisterer;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallOutcomeJson;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import uk.cpis.server.fhir.StartUpStep;

/**
 * Installs the CP-IS FHIR package (profiles, terminology, search parameters) into the server with
 * HAPI's package installer, offline from the classpath, before the server takes any request: its
 * StructureDefinitions feed validation and its SearchParameters are indexed like any other.
 */
@Component
public class CpisPackageInstaller implements StartUpStep {

    private static final Logger log = LoggerFactory.getLogger(CpisPackageInstaller.class);

    private final Batch2JobRegisterer jobRegisterer;
    private final IPackageInstallerSvc packageInstaller;
    private final CpisPackageProperties properties;
    private final ResourceLoader resourceLoader;

    public CpisPackageInstaller(
            Batch2JobRegisterer jobRegisterer,
            IPackageInstallerSvc packageInstaller,
            CpisPackageProperties properties,
            ResourceLoader resourceLoader) {
        this.jobRegisterer = jobRegisterer;
        this.packageInstaller = packageInstaller;
        this.properties = properties;
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void prepare() {
        install();
    }

    public void install() {
        byte[] contents = read(resourceLoader.getResource(properties.packageLocation()));
        NpmPackage npmPackage = parse(contents);
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
