package uk.cpis.ig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Checks on a rendered site shared by the tests: every relative link must land on a file (and anchor). */
final class SiteChecks {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private SiteChecks() {}

    static List<Path> htmlPages(Path site) throws IOException {
        try (Stream<Path> files = Files.list(site)) {
            return files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
        }
    }

    static List<String> relativeLinks(String html) {
        List<String> links = new ArrayList<>();
        Matcher matcher = HREF.matcher(html);
        while (matcher.find()) {
            String href = matcher.group(1).replace("&amp;", "&");
            if (!SCHEME.matcher(href).find() && !href.startsWith("//")) {
                links.add(href);
            }
        }
        return links;
    }

    /** "page -> href (why)" for every relative link that does not resolve to a file or anchor. */
    static List<String> brokenLinks(Path site) throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : htmlPages(site)) {
            String html = Files.readString(page, StandardCharsets.UTF_8);
            for (String href : relativeLinks(html)) {
                String problem = problem(site, page, html, href);
                if (problem != null) {
                    broken.add(page.getFileName() + " -> " + href + " (" + problem + ")");
                }
            }
        }
        return broken;
    }

    private static String problem(Path site, Path page, String pageHtml, String href) throws IOException {
        if (href.startsWith("/")) {
            return "absolute path: breaks when served under /ig/ or opened from disk";
        }
        int hash = href.indexOf('#');
        String file = hash < 0 ? href : href.substring(0, hash);
        String fragment = hash < 0 ? null : href.substring(hash + 1);
        Path target = file.isEmpty() ? page : site.resolve(file).normalize();
        if (!target.startsWith(site)) {
            return "leaves the site";
        }
        if (!Files.isRegularFile(target)) {
            return "no such file";
        }
        if (fragment != null && !fragment.isEmpty() && target.toString().endsWith(".html")) {
            String html = file.isEmpty() ? pageHtml : Files.readString(target, StandardCharsets.UTF_8);
            if (!html.contains("id=\"" + fragment + "\"")) {
                return "no element with id " + fragment;
            }
        }
        return null;
    }
}
