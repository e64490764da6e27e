package uk.cpis.ig.pages;

import static uk.cpis.ig.html.Html.esc;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import uk.cpis.ig.fhirpackage.FhirPackage;
import uk.cpis.ig.fhirpackage.PackageResource;
import uk.cpis.ig.html.Html;

/**
 * Where a canonical URL is described: a page of this guide when the package defines it, the FHIR R4
 * specification for core definitions, otherwise nowhere (the URL is shown as text, because NHS and
 * UK Core URLs are identifiers, not always pages).
 */
public final class Links {

    private static final String CORE = "http://hl7.org/fhir/";
    private static final String R4_SPEC = "https://hl7.org/fhir/R4/";

    /** Complex data types, which start with a capital letter like resources but share one page. */
    private static final Set<String> DATA_TYPES = Set.of(
            "Identifier",
            "HumanName",
            "Address",
            "ContactPoint",
            "CodeableConcept",
            "Coding",
            "Period",
            "Reference",
            "Quantity",
            "Extension",
            "Meta",
            "Narrative",
            "Attachment",
            "Annotation",
            "Range",
            "Ratio",
            "SampledData",
            "Signature",
            "Timing",
            "Money",
            "Age",
            "Duration",
            "Count",
            "Distance",
            "Dosage",
            "ElementDefinition",
            "BackboneElement",
            "Element",
            "Expression",
            "UsageContext",
            "ContactDetail",
            "RelatedArtifact",
            "DataRequirement",
            "ParameterDefinition",
            "TriggerDefinition",
            "Contributor",
            "MarketingStatus",
            "Population",
            "ProdCharacteristic",
            "ProductShelfLife",
            "SubstanceAmount");

    private final FhirPackage fhirPackage;

    public Links(FhirPackage fhirPackage) {
        this.fhirPackage = fhirPackage;
    }

    /** The page (and anchor) of a resource of this package. */
    public static String pageOf(PackageResource resource) {
        return switch (resource.type()) {
            case "StructureDefinition" -> resource.pageName();
            case "ValueSet", "CodeSystem", "NamingSystem" ->
                TerminologyPage.FILE + "#" + Html.anchor(resource.baseName());
            case "SearchParameter" -> SearchParametersPage.FILE + "#" + Html.anchor(resource.baseName());
            case "CapabilityStatement" -> CapabilityStatementPage.FILE;
            default -> resource.pageName();
        };
    }

    public Optional<String> href(String canonical) {
        if (canonical == null || canonical.isBlank()) {
            return Optional.empty();
        }
        Optional<PackageResource> local = fhirPackage.byUrl(canonical);
        if (local.isPresent()) {
            return local.map(Links::pageOf);
        }
        if (canonical.startsWith(CORE + "StructureDefinition/")) {
            String name = canonical.substring((CORE + "StructureDefinition/").length());
            // Core resources have their own page; data types share one.
            return Optional.of(
                    Character.isUpperCase(name.charAt(0)) && isResourceName(name)
                            ? R4_SPEC + name.toLowerCase(Locale.ROOT) + ".html"
                            : R4_SPEC + "datatypes.html#" + name);
        }
        if (canonical.startsWith(CORE + "ValueSet/")) {
            return Optional.of(R4_SPEC + "valueset-" + canonical.substring((CORE + "ValueSet/").length()) + ".html");
        }
        return Optional.empty();
    }

    /** A short link to the canonical, labelled with its id: the package's, or the URL's last segment. */
    public String linkTo(String canonical) {
        String label = fhirPackage
                .byUrl(canonical)
                .map(PackageResource::id)
                .orElseGet(() -> canonical.substring(canonical.lastIndexOf('/') + 1));
        return href(canonical)
                .map(h -> Html.link(h, label))
                .orElse("<span title=\"" + esc(canonical) + "\">" + esc(label) + "</span>");
    }

    /** The canonical in full, linked when we know where it is described. */
    public String fullLink(String canonical) {
        return href(canonical).map(h -> Html.link(h, canonical)).orElse(Html.code(canonical));
    }

    private static boolean isResourceName(String name) {
        return !DATA_TYPES.contains(name);
    }
}
