package uk.cpis.ig;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.cpis.ig.fhirpackage.FhirPackage;

/**
 * Command line entry point, run by the Maven build of the ig module (exec-maven-plugin, phase
 * process-classes): {@code --pages=DIR --package=classpath:cpis-package/package.tgz|FILE --out=DIR}.
 */
public final class SiteBuilder {

    private SiteBuilder() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        String packageLocation = require(options, "package");
        Path pages = Path.of(require(options, "pages"));
        Path out = Path.of(require(options, "out"));

        FhirPackage fhirPackage;
        try {
            fhirPackage = FhirPackage.load(packageLocation);
        } catch (NoSuchFileException e) {
            // The guide without its profiles would be a guide to nothing: fail, and say what to do.
            throw new IllegalStateException(
                    "FHIR package not found at " + packageLocation
                            + ". Build the profiles module first (mvn -pl profiles install), or point the guide at"
                            + " another package with -Dcpis.ig.package=/path/to/package.tgz",
                    e);
        }
        List<String> files = new Site(fhirPackage, pages).writeTo(out);
        long htmlPages = files.stream().filter(f -> f.endsWith(".html")).count();
        System.out.printf(
                "CP-IS IG: %d pages and %d other files from %s#%s written to %s%n",
                htmlPages, files.size() - htmlPages, fhirPackage.name(), fhirPackage.version(), out);
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing --" + name + "=...");
        }
        return value;
    }
}
