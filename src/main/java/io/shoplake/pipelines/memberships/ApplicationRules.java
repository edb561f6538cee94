package io.shoplake.pipelines.memberships;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The validation and formatting rules of a membership application, one pure function each. */
public final class ApplicationRules {

    /** Birthdays before this are taken as typing errors. */
    static final LocalDate EARLIEST_BIRTHDAY = LocalDate.of(1900, 1, 1);

    public static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private static final Pattern YEAR_MONTH_DAY_DASH = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern YEAR_MONTH_DAY_SLASH = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");
    private static final Pattern DAY_MONTH_YEAR_DASH = Pattern.compile("(\\d{1,2})-(\\d{1,2})-(\\d{4})");
    private static final Pattern MONTH_DAY_YEAR_SLASH = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");

    /** local@domain.tld: no spaces, exactly one @, a domain of dot-separated labels ending in a 2+ letter tld. */
    private static final Pattern EMAIL =
            Pattern.compile("[^\\s@]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,}");

    private ApplicationRules() {}

    /** A birthday as written: the date when it has one of the four formats, else why not. */
    public sealed interface Birthday {
        /** A real date in one of the accepted formats. */
        record Valid(LocalDate date) implements Birthday {}

        /** Not a date (missing, another format, or no such day). */
        record Invalid(Reason reason) implements Birthday {}
    }

    /**
     * Reads {@code YYYY-MM-DD}, {@code YYYY/MM/DD}, {@code DD-MM-YYYY} or {@code MM/DD/YYYY}; a date that does not
     * exist (1996/02/31) is {@link Reason#DATE_OF_BIRTH_IMPOSSIBLE}.
     */
    public static Birthday parseBirthday(String text) {
        if (text == null || text.isBlank()) {
            return new Birthday.Invalid(Reason.DATE_OF_BIRTH_MISSING);
        }
        String t = text.trim();
        Matcher m;
        int year;
        int month;
        int day;
        if ((m = YEAR_MONTH_DAY_DASH.matcher(t)).matches() || (m = YEAR_MONTH_DAY_SLASH.matcher(t)).matches()) {
            year = Integer.parseInt(m.group(1));
            month = Integer.parseInt(m.group(2));
            day = Integer.parseInt(m.group(3));
        } else if ((m = DAY_MONTH_YEAR_DASH.matcher(t)).matches()) {
            day = Integer.parseInt(m.group(1));
            month = Integer.parseInt(m.group(2));
            year = Integer.parseInt(m.group(3));
        } else if ((m = MONTH_DAY_YEAR_SLASH.matcher(t)).matches()) {
            month = Integer.parseInt(m.group(1));
            day = Integer.parseInt(m.group(2));
            year = Integer.parseInt(m.group(3));
        } else {
            return new Birthday.Invalid(Reason.DATE_OF_BIRTH_FORMAT);
        }
        try {
            return new Birthday.Valid(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            return new Birthday.Invalid(Reason.DATE_OF_BIRTH_IMPOSSIBLE);
        }
    }

    /** The reason a real date is not accepted as a birthday on {@code asOf}: before 1900 or after the as-of date. */
    public static Optional<Reason> birthdayOutOfRange(LocalDate birthday, LocalDate asOf) {
        if (birthday.isBefore(EARLIEST_BIRTHDAY)) {
            return Optional.of(Reason.DATE_OF_BIRTH_BEFORE_1900);
        }
        if (birthday.isAfter(asOf)) {
            return Optional.of(Reason.DATE_OF_BIRTH_AFTER_AS_OF);
        }
        return Optional.empty();
    }

    /**
     * 18 or older on {@code asOf}: the 18th birthday is on or before it. Someone born on 29 February turns 18 on
     * 28 February of a common year ({@link LocalDate#plusYears} clamps to the month's last day).
     */
    public static boolean isAbove18(LocalDate birthday, LocalDate asOf) {
        return !birthday.plusYears(18).isAfter(asOf);
    }

    /** The mobile number with spaces and hyphens removed (null stays null). */
    public static String normaliseMobile(String mobile) {
        return mobile == null ? null : mobile.replace(" ", "").replace("-", "");
    }

    /** Exactly 8 digits once spaces and hyphens are removed. */
    public static boolean isValidMobile(String mobile) {
        String digits = normaliseMobile(mobile);
        return digits != null && digits.matches("[0-9]{8}");
    }

    /** The email's problem, if any: not {@code local@domain.tld}, or a domain not ending in .com or .net. */
    public static Optional<Reason> emailProblem(String email) {
        if (email == null || !EMAIL.matcher(email).matches()) {
            return Optional.of(Reason.EMAIL_INVALID);
        }
        String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        return domain.endsWith(".com") || domain.endsWith(".net")
                ? Optional.empty()
                : Optional.of(Reason.EMAIL_DOMAIN_NOT_COM_OR_NET);
    }

    /** {@code lastName + "_" +} the first 5 lower-case hex characters of SHA-256 of the {@code YYYYMMDD} birthday. */
    public static String membershipId(String lastName, LocalDate birthday) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(birthday.format(YYYYMMDD).getBytes(StandardCharsets.US_ASCII));
            return lastName + "_" + HexFormat.of().formatHex(hash).substring(0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
