package uk.cpis.server.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;

/**
 * What {@code test-data/README.md} and {@code test-data/invalid/README.md} promise a tester, read from
 * their tables, so the tests check the documents themselves and the two cannot drift apart.
 */
final class SampleDataDocs {

    private SampleDataDocs() {}

    /** A bundle of {@code test-data/bundles/} and the persona that uploads it. */
    record SampleBundle(String file, String persona) {}

    /** A figure a tester sees: after {@code after} (a bundle, or "look-ups"), {@code persona} asks {@code path}. */
    record Check(String after, String persona, String path, int total) {}

    /** A look-up of the access history sequence. */
    record LookUp(String persona, String nhsNumber, boolean unscheduled) {}

    /**
     * A child's row: each plan a clinician may be shown, with the first day it is no longer shown (for an
     * ended plan), or {@code null} for an active plan; plans never shown (entered in error) are listed apart.
     */
    record Child(String nhsNumber, Map<String, LocalDate> shownUntil, List<String> neverShown) {

        /** The plans a clinician is shown on {@code day}; plans within a day of dropping out are left out of both sets. */
        List<String> shownOn(LocalDate day) {
            return shownUntil.entrySet().stream()
                    .filter(plan -> plan.getValue() == null
                            || day.isBefore(plan.getValue().minusDays(1)))
                    .map(Map.Entry::getKey)
                    .toList();
        }

        List<String> notShownOn(LocalDate day) {
            List<String> hidden = new ArrayList<>(neverShown);
            shownUntil.forEach((plan, until) -> {
                if (until != null && day.isAfter(until)) {
                    hidden.add(plan);
                }
            });
            return hidden;
        }
    }

    /** An invalid sample and what the server answers to it. */
    record InvalidSample(
            String file,
            String persona,
            String method,
            String path,
            int status,
            Optional<String> reason,
            String message) {}

    /**
     * Every child of the README's table is shown to a clinician with exactly the documented plans, as of
     * today (an ended plan is expected until the day before it drops out, and not from the day after).
     */
    static void assertEveryChildAsDocumented(Function<String, List<String>> plansShownToAClinician) {
        List<Child> children = children();
        assertThat(children).as("children documented").hasSize(50);
        LocalDate today = LocalDate.now();
        SoftAssertions softly = new SoftAssertions();
        for (Child child : children) {
            List<String> shown = plansShownToAClinician.apply(child.nhsNumber());
            softly.assertThat(child.shownOn(today))
                    .as(child.nhsNumber() + ": plans shown")
                    .isSubsetOf(shown);
            softly.assertThat(shown)
                    .as(child.nhsNumber() + ": plans not shown")
                    .noneMatch(child.notShownOn(today)::contains);
            List<String> documented = new ArrayList<>(child.shownUntil().keySet());
            documented.addAll(child.neverShown());
            softly.assertThat(shown)
                    .as(child.nhsNumber() + ": every plan shown is documented")
                    .isSubsetOf(documented);
        }
        softly.assertAll();
    }

    static Path testData() {
        return Path.of(System.getProperty("cpis.testData", "../test-data"));
    }

    static Path bundles() {
        return testData().resolve("bundles");
    }

    static Path invalid() {
        return testData().resolve("invalid");
    }

    static List<SampleBundle> sampleBundles() {
        return table(testData().resolve("README.md"), "## The bundles, in load order").stream()
                .map(row -> new SampleBundle(row.get(0), row.get(1)))
                .toList();
    }

    static List<Check> checks() {
        return table(testData().resolve("README.md"), "## What a tester sees after each upload").stream()
                .map(row -> new Check(row.get(0), row.get(1), withoutGet(row.get(2)), Integer.parseInt(row.get(3))))
                .toList();
    }

    private static final Pattern PLAN = Pattern.compile(
            "`?([0-9A-Z]+-PLAN-\\d{4})`?(?: \\((?:(entered in error)|drops out (\\d{4}-\\d{2}-\\d{2})|dropped out (\\d{4}-\\d{2}-\\d{2}))\\))?");

    static List<Child> children() {
        List<Child> children = new ArrayList<>();
        for (List<String> row : table(testData().resolve("README.md"), "## Children, mothers and plans")) {
            Map<String, LocalDate> shownUntil = new LinkedHashMap<>();
            List<String> neverShown = new ArrayList<>();
            Matcher plan = PLAN.matcher(row.get(3));
            while (plan.find()) {
                if (plan.group(2) != null) {
                    neverShown.add(plan.group(1));
                } else {
                    String until = plan.group(3) != null ? plan.group(3) : plan.group(4);
                    shownUntil.put(plan.group(1), until == null ? null : LocalDate.parse(until));
                }
            }
            children.add(new Child(row.get(0), shownUntil, neverShown));
        }
        return children;
    }

    /** The {@code LOOKUPS="persona:NHS number[:scheduled] ..."} line of the README's access history. */
    static List<LookUp> lookUps() {
        String line = lines(testData().resolve("README.md")).stream()
                .filter(candidate -> candidate.startsWith("LOOKUPS=\""))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("test-data/README.md has no LOOKUPS= line"));
        return Arrays.stream(line.substring("LOOKUPS=\"".length(), line.lastIndexOf('"'))
                        .split(" "))
                .map(lookUp -> lookUp.split(":"))
                .map(parts -> new LookUp(parts[0], parts[1], !(parts.length > 2 && parts[2].equals("scheduled"))))
                .toList();
    }

    static List<InvalidSample> invalidSamples() {
        return table(invalid().resolve("README.md"), "| file | upload as |").stream()
                .map(row -> {
                    String[] request = row.get(2).split(" ", 2);
                    // a reject reason code, or "none" / "none (profile)"
                    Optional<String> reason =
                            row.get(4).startsWith("none") ? Optional.empty() : Optional.of(row.get(4));
                    return new InvalidSample(
                            row.get(0),
                            row.get(1),
                            request[0],
                            request[1],
                            Integer.parseInt(row.get(3)),
                            reason,
                            row.get(5));
                })
                .toList();
    }

    private static String withoutGet(String request) {
        if (!request.startsWith("GET ")) {
            throw new IllegalStateException("not a GET request: " + request);
        }
        return request.substring(4);
    }

    /**
     * The rows of the first table at or after the line starting with {@code marker}, without its header
     * and separator; each cell trimmed, unescaped ({@code \|}) and without enclosing backticks.
     */
    static List<List<String>> table(Path markdown, String marker) {
        List<String> lines = lines(markdown);
        int at = 0;
        while (at < lines.size() && !lines.get(at).startsWith(marker)) {
            at++;
        }
        if (at == lines.size()) {
            throw new IllegalStateException(markdown + " has no '" + marker + "'");
        }
        while (at < lines.size() && !lines.get(at).startsWith("|")) {
            at++;
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(cells(lines.get(i)));
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException(markdown + " has no table rows after '" + marker + "'");
        }
        return rows;
    }

    static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        for (String cell : row.substring(1, row.lastIndexOf('|')).split("(?<!\\\\)\\|", -1)) {
            String text = cell.trim().replace("\\|", "|");
            if (text.length() > 1
                    && text.startsWith("`")
                    && text.endsWith("`")
                    && text.indexOf('`', 1) == text.length() - 1) {
                text = text.substring(1, text.length() - 1);
            }
            cells.add(text);
        }
        return cells;
    }

    private static List<String> lines(Path markdown) {
        try {
            return Files.readAllLines(markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
