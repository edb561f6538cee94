package io.shoplake.pipelines.memberships.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Membership application CSV rows like the real drops, deterministically from a seed: names with salutations and
 * suffixes, the four birthday formats (a few impossible or too young), 5-8 digit mobiles (some with a space), and
 * emails on .com/.net/.org/.biz/.info domains.
 */
public final class ApplicationsGenerator {

    public static final String HEADER = "name,email,date_of_birth,mobile_no";

    private static final String[] FIRST = {"Anna", "Ben", "Carla", "Dev", "Eve", "Farid", "Gwen", "Hugo", "Ivy", "Jon"};
    private static final String[] LAST = {"Tan", "Lim", "Ng", "Smith", "Khan", "Rossi", "Silva", "Ito", "Meyer", "Okoro"
    };
    private static final String[] BEFORE = {"", "", "", "", "Mr. ", "Dr. ", "Ms. "};
    private static final String[] AFTER = {"", "", "", "", " Jr.", " MD", " PhD"};
    private static final String[] TLDS = {"com", "com", "net", "org", "biz"};
    private static final DateTimeFormatter[] FORMATS = {
        DateTimeFormatter.ofPattern("yyyy-MM-dd"),
        DateTimeFormatter.ofPattern("yyyy/MM/dd"),
        DateTimeFormatter.ofPattern("dd-MM-yyyy"),
        DateTimeFormatter.ofPattern("MM/dd/yyyy")
    };

    private ApplicationsGenerator() {}

    /** {@code count} CSV rows (no header) for the seed. */
    public static List<String> rows(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            String name =
                    BEFORE[random.nextInt(BEFORE.length)] + first + " " + last + AFTER[random.nextInt(AFTER.length)];
            LocalDate birthday = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 62));
            String dateOfBirth = random.nextInt(15) == 0
                    ? birthday.getYear() + "/02/31"
                    : birthday.format(FORMATS[random.nextInt(FORMATS.length)]);
            int digits = random.nextInt(3) == 0 ? 5 + random.nextInt(3) : 8;
            String mobile =
                    String.valueOf(random.nextLong((long) Math.pow(10, digits - 1), (long) Math.pow(10, digits)));
            if (digits == 8 && random.nextBoolean()) {
                mobile = mobile.substring(0, 4) + " " + mobile.substring(4);
            }
            String email = first + "_" + last + "@" + LAST[random.nextInt(LAST.length)].toLowerCase() + "."
                    + TLDS[random.nextInt(TLDS.length)];
            rows.add(name + "," + email + "," + dateOfBirth + "," + mobile);
        }
        return List.copyOf(rows);
    }

    /** Writes {@code rows} with the header into {@code file}. */
    public static Path write(Path file, List<String> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.addAll(rows);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
