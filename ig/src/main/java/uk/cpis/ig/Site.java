package uk.cpis.ig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import uk.cpis.ig.fhirpackage.FhirPackage;
import uk.cpis.ig.fhirpackage.PackageResource;
import uk.cpis.ig.html.Layout;
import uk.cpis.ig.html.Markdown;
import uk.cpis.ig.pages.ArtifactsPage;
import uk.cpis.ig.pages.CapabilityStatementPage;
import uk.cpis.ig.pages.ExamplePage;
import uk.cpis.ig.pages.Links;
import uk.cpis.ig.pages.Page;
import uk.cpis.ig.pages.ProfilePage;
import uk.cpis.ig.pages.SearchParametersPage;
import uk.cpis.ig.pages.TerminologyPage;

/**
 * Renders the whole guide into one flat folder: the narrative pages from markdown, a page per
 * profile, extension and example, the terminology, search parameter, CapabilityStatement and
 * artifact pages, a JSON copy of each resource and the package itself.
 */
public final class Site {

    private final FhirPackage fhirPackage;
    private final Path pagesDir;

    public Site(FhirPackage fhirPackage, Path pagesDir) {
        this.fhirPackage = fhirPackage;
        this.pagesDir = pagesDir;
    }

    /** Writes the site into {@code out} (emptied first, so removed pages do not linger) and lists the files. */
    public List<String> writeTo(Path out) throws IOException {
        deleteRecursively(out);
        Files.createDirectories(out);
        Map<String, Page> pages = new LinkedHashMap<>();
        narrativePages().forEach(page -> add(pages, page));
        generatedPages().forEach(page -> add(pages, page));

        List<Layout.NavItem> nav = new ArrayList<>();
        Layout.NARRATIVE.stream().filter(item -> pages.containsKey(item.href())).forEach(nav::add);
        nav.addAll(Layout.GENERATED);
        Layout layout = new Layout(fhirPackage.name() + "#" + fhirPackage.version(), nav);

        List<String> written = new ArrayList<>();
        for (Page page : pages.values()) {
            write(out.resolve(page.file()), layout.page(page.file(), page.title(), page.body()));
            written.add(page.file());
        }
        for (PackageResource resource : fhirPackage.resources()) {
            write(out.resolve(resource.jsonName()), FhirPackage.pretty(resource.json()));
            written.add(resource.jsonName());
        }
        Files.write(out.resolve("package.tgz"), fhirPackage.bytes());
        written.add("package.tgz");
        return written;
    }

    private List<Page> narrativePages() throws IOException {
        Markdown markdown = new Markdown(false);
        List<Page> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(pagesDir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.md$", "");
                Markdown.Rendered rendered = markdown.render(Files.readString(file, StandardCharsets.UTF_8), name);
                pages.add(new Page(name + ".html", rendered.title(), rendered.html()));
            }
        }
        return pages;
    }

    private List<Page> generatedPages() {
        Markdown markdown = new Markdown(true);
        Links links = new Links(fhirPackage);
        List<Page> pages = new ArrayList<>();
        ProfilePage profilePage = new ProfilePage(fhirPackage, links, markdown);
        fhirPackage.profiles().forEach(sd -> pages.add(profilePage.render(sd)));
        fhirPackage.extensions().forEach(sd -> pages.add(profilePage.render(sd)));
        ExamplePage examplePage = new ExamplePage(links);
        fhirPackage.examples().forEach(example -> pages.add(examplePage.render(example)));
        pages.add(new TerminologyPage(fhirPackage, links, markdown).render());
        pages.add(new SearchParametersPage(fhirPackage).render());
        pages.add(new CapabilityStatementPage(fhirPackage, links, markdown).render());
        pages.add(new ArtifactsPage(fhirPackage).render());
        return pages;
    }

    private static void add(Map<String, Page> pages, Page page) {
        if (pages.putIfAbsent(page.file(), page) != null) {
            throw new IllegalStateException("Two pages would be written to " + page.file()
                    + ": rename the markdown page in ig/pages/ or the resource in the package");
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
