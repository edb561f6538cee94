package io.shoplake.pipelines.memberships;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An applicant's name without salutations and suffixes: the first remaining word, the last remaining word, and the
 * words between (a one-word name is both first and last name).
 */
public record PersonName(String firstName, String middleNames, String lastName) {

    /** Salutations removed from the front, compared without case and without a trailing dot. */
    static final Set<String> SALUTATIONS = Set.of("mr", "mrs", "ms", "miss", "dr");

    /** Suffixes removed from the end, compared likewise. */
    static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv", "md", "dds", "dvm", "phd");

    public PersonName {
        requireNonNull(firstName, "firstName is null");
        requireNonNull(middleNames, "middleNames is null");
        requireNonNull(lastName, "lastName is null");
    }

    /** Splits a name; empty when nothing is left once salutations and suffixes are removed. */
    public static Optional<PersonName> parse(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>(Arrays.asList(name.trim().split("\\s+")));
        // Only leading words can be salutations and only trailing ones suffixes: "Miss" or "Md" inside a name stay.
        while (!words.isEmpty() && SALUTATIONS.contains(bare(words.get(0)))) {
            words.remove(0);
        }
        while (!words.isEmpty() && SUFFIXES.contains(bare(words.get(words.size() - 1)))) {
            words.remove(words.size() - 1);
        }
        words.replaceAll(PersonName::withoutTrailingComma);
        words.removeIf(String::isEmpty);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PersonName(
                words.get(0),
                String.join(" ", words.subList(Math.min(1, words.size()), Math.max(1, words.size() - 1))),
                words.get(words.size() - 1)));
    }

    private static String bare(String word) {
        String w = withoutTrailingComma(word).toLowerCase(Locale.ROOT);
        return w.endsWith(".") ? w.substring(0, w.length() - 1) : w;
    }

    private static String withoutTrailingComma(String word) {
        return word.endsWith(",") ? word.substring(0, word.length() - 1) : word;
    }
}
