package io.shoplake.pipelines.industries;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The fixed reference list of industries and how a customer's free-text industry is matched to it: equal ignoring
 * case and surrounding space, else corrected when within edit distance {@value #MAX_EDITS} of exactly one reference
 * industry, else unknown.
 */
public record ReferenceIndustries(List<String> names) {

    /** The largest edit distance (case-insensitive) a value may have from its reference industry to be corrected. */
    public static final int MAX_EDITS = 2;

    /** The ten industries of the brief. */
    public static final ReferenceIndustries DEFAULT = new ReferenceIndustries(List.of(
            "Agriculture",
            "Colours",
            "Cleaning",
            "Construction",
            "Cosmetics",
            "Food",
            "Lubricants",
            "Oil&Gas",
            "Pharmaceuticals",
            "Polymer"));

    public ReferenceIndustries {
        requireNonNull(names, "names is null");
        List<String> trimmed = new ArrayList<>();
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (String name : names) {
            String t = requireNonNull(name, "industry name is null").trim();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("industry names must not be blank, were: " + names);
            }
            if (!keys.add(t.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "industry names must be unique ignoring case, '" + t + "' repeats in: " + names);
            }
            trimmed.add(t);
        }
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the reference list must name at least one industry");
        }
        names = List.copyOf(trimmed);
    }

    /**
     * Reads a one-column CSV with the header {@code industry} (values may be double-quoted).
     *
     * @throws IllegalArgumentException when the file is not of that shape
     */
    public static ReferenceIndustries fromCsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the industries file " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !unquote(lines.get(0)).equalsIgnoreCase("industry")) {
            throw new IllegalArgumentException(
                    "the industries file must start with the header 'industry', was: " + file);
        }
        List<String> names = lines.subList(1, lines.size()).stream()
                .map(ReferenceIndustries::unquote)
                .filter(s -> !s.isEmpty())
                .toList();
        return new ReferenceIndustries(names);
    }

    /** How a raw value matches the list. */
    public Match match(String raw) {
        String value = raw == null ? "" : raw.trim();
        for (String name : names) {
            if (name.equalsIgnoreCase(value)) {
                return new Match(value, Optional.of(name), false, Optional.empty());
            }
        }
        LevenshteinDistance distance = new LevenshteinDistance(MAX_EDITS);
        String lower = value.toLowerCase(Locale.ROOT);
        List<String> near = names.stream()
                .filter(n -> distance.apply(lower, n.toLowerCase(Locale.ROOT)) >= 0)
                .toList();
        if (near.size() == 1) {
            return new Match(value, Optional.of(near.get(0)), true, Optional.empty());
        }
        String reason = near.isEmpty()
                ? "unknown industry: '" + value + "' (not within " + MAX_EDITS + " edits of a reference industry)"
                : "unknown industry: '" + value + "' (within " + MAX_EDITS + " edits of " + String.join(" and ", near)
                        + ")";
        return new Match(value, Optional.empty(), false, Optional.of(reason));
    }

    /**
     * One value's match: the reference industry it stands for (corrected when it was not an exact match), or why
     * it stands for none.
     */
    public record Match(String value, Optional<String> industry, boolean corrected, Optional<String> reason) {
        public Match {
            requireNonNull(value, "value is null");
            requireNonNull(industry, "industry is null");
            requireNonNull(reason, "reason is null");
        }
    }

    private static String unquote(String text) {
        String t = text.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1).replace("\"\"", "\"").trim();
        }
        return t;
    }
}
