package uk.cpis.ig.fhirpackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A FHIR NPM package ({@code package.tgz}): its manifest ({@code package/package.json}) and its
 * resources. The raw bytes are kept so the guide can offer the very same file for download.
 */
public final class FhirPackage {

    public static final String CLASSPATH_PREFIX = "classpath:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] bytes;
    private final JsonNode manifest;
    private final List<PackageResource> resources;

    private FhirPackage(byte[] bytes, JsonNode manifest, List<PackageResource> resources) {
        this.bytes = bytes;
        this.manifest = manifest;
        this.resources = resources;
    }

    /** Loads {@code classpath:some/package.tgz} or a file path. */
    public static FhirPackage load(String location) throws IOException {
        if (location.startsWith(CLASSPATH_PREFIX)) {
            String name = location.substring(CLASSPATH_PREFIX.length());
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new NoSuchFileException(location, null, "not on the classpath");
                }
                return read(in.readAllBytes());
            }
        }
        return read(Files.readAllBytes(Path.of(location)));
    }

    public static FhirPackage read(byte[] tgz) throws IOException {
        JsonNode manifest = null;
        List<PackageResource> resources = new ArrayList<>();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(tgz)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String path = entry.getName();
                if (!entry.isFile() || !path.endsWith(".json")) {
                    continue;
                }
                JsonNode json = JSON.readTree(tar.readAllBytes());
                if (path.equals("package/package.json")) {
                    manifest = json;
                } else if (json.has("resourceType")) {
                    // .index.json and other tool files have no resourceType and are skipped.
                    resources.add(new PackageResource(path, json));
                }
            }
        }
        if (manifest == null) {
            throw new IOException("Not a FHIR package: package/package.json is missing");
        }
        resources.sort(Comparator.comparing(PackageResource::type).thenComparing(PackageResource::id));
        return new FhirPackage(tgz, manifest, List.copyOf(resources));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String name() {
        return manifest.path("name").asText();
    }

    public String version() {
        return manifest.path("version").asText();
    }

    public String canonical() {
        return manifest.path("canonical").asText("");
    }

    public String fhirVersion() {
        JsonNode versions = manifest.path("fhirVersions");
        return versions.isArray() && !versions.isEmpty() ? versions.get(0).asText() : "4.0.1";
    }

    public List<PackageResource> resources() {
        return resources;
    }

    public List<PackageResource> conformance(String type) {
        return filter(r -> r.isConformance() && r.type().equals(type));
    }

    public List<PackageResource> profiles() {
        return filter(r -> r.isConformance() && r.type().equals("StructureDefinition") && !r.isExtension());
    }

    public List<PackageResource> extensions() {
        return filter(r -> r.isConformance() && r.isExtension());
    }

    public List<PackageResource> examples() {
        return filter(PackageResource::isExample);
    }

    /** The conformance resource with this canonical URL (a {@code |version} suffix is ignored). */
    public Optional<PackageResource> byUrl(String canonical) {
        if (canonical == null) {
            return Optional.empty();
        }
        String url = canonical.contains("|") ? canonical.substring(0, canonical.indexOf('|')) : canonical;
        return resources.stream()
                .filter(r -> r.isConformance() && url.equals(r.url()))
                .findFirst();
    }

    /** Examples that declare the profile in {@code meta.profile}. */
    public List<PackageResource> examplesOf(String profileUrl) {
        return filter(r -> r.isExample() && declares(r.json(), profileUrl));
    }

    /** Examples that use the extension anywhere in their tree. */
    public List<PackageResource> examplesUsing(String extensionUrl) {
        return filter(r -> r.isExample()
                && r.json().findParents("url").stream()
                        .anyMatch(node -> extensionUrl.equals(node.path("url").asText())));
    }

    private static boolean declares(JsonNode resource, String profileUrl) {
        for (JsonNode profile : resource.path("meta").path("profile")) {
            if (profile.asText().equals(profileUrl) || profile.asText().startsWith(profileUrl + "|")) {
                return true;
            }
        }
        return false;
    }

    private List<PackageResource> filter(Predicate<PackageResource> predicate) {
        return resources.stream().filter(predicate).toList();
    }

    /** Pretty JSON for example pages and the downloadable copies. */
    public static String pretty(JsonNode json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One-line JSON for fixed and pattern values in element tables. */
    public static String compact(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
