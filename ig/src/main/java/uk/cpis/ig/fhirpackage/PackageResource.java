package uk.cpis.ig.fhirpackage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** One FHIR resource of the package, with the path it had inside the tarball. */
public record PackageResource(String path, JsonNode json) {

    /** Resource types that define the contract; everything else in a package is an example. */
    private static final Set<String> CONFORMANCE_TYPES = Set.of(
            "StructureDefinition",
            "ValueSet",
            "CodeSystem",
            "SearchParameter",
            "CapabilityStatement",
            "NamingSystem",
            "ImplementationGuide",
            "ConceptMap",
            "OperationDefinition");

    public String type() {
        return json.path("resourceType").asText();
    }

    public String id() {
        return json.path("id").asText();
    }

    public String url() {
        return json.path("url").asText(null);
    }

    public String text(String field) {
        return json.path(field).asText("");
    }

    /** What a reader calls it: title, else name, else id. */
    public String title() {
        for (String field : new String[] {"title", "name"}) {
            String value = json.path(field).asText("");
            if (!value.isBlank()) {
                return value;
            }
        }
        return id();
    }

    public boolean isConformance() {
        return CONFORMANCE_TYPES.contains(type()) && !path.contains("/example/");
    }

    public boolean isExample() {
        return !isConformance();
    }

    /** Extension definitions get the same kind of page as profiles, but are listed apart. */
    public boolean isExtension() {
        return "StructureDefinition".equals(type())
                && "Extension".equals(json.path("type").asText());
    }

    /** The IG Publisher's file naming, so links look familiar: {@code StructureDefinition-cpis-patient}. */
    public String baseName() {
        return type() + "-" + id();
    }

    public String pageName() {
        return baseName() + ".html";
    }

    public String jsonName() {
        return baseName() + ".json";
    }
}
