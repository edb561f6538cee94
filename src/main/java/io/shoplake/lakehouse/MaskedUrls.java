package io.shoplake.lakehouse;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way a connection URL (JDBC, MongoDB, a catalog URI) is made safe to print, log or store: the password in
 * user information ({@code //user:secret@host}, Oracle's {@code user/secret@host}) and the values of secret
 * parameters ({@code password=}, {@code pwd=}, {@code secret=}, {@code token=}...) become {@code ***}; the user stays
 * readable so a login failure can name it.
 */
public final class MaskedUrls {

    /** What masked text looks like. */
    public static final String MASK = "***";

    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:^|[?&;:,])\\s*(?:password|passwd|pwd|secret|token|access[-_]?key|secret[-_]?key|api[-_]?key)"
                    + "\\s*=)[^&;,]*");
    private static final Pattern USER_PARAMETER = Pattern.compile("(?i)(?:^|[?&;:,])\\s*user(?:name)?\\s*=([^&;,]*)");
    /** A URL inside free text: a scheme, "://" or "jdbc:", then everything up to white space or a quote. */
    private static final Pattern URL_IN_TEXT =
            Pattern.compile("(?i)\\b(?:jdbc:[^\\s'\"]+|[a-z][a-z0-9+.-]*://[^\\s'\"]+)");

    private MaskedUrls() {}

    /** {@code url} with every credential masked; the same rule for every kind of URL. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String masked = maskUserInfo(url);
        return SECRET_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }

    /** {@code text} (an error message, a log line) with every URL in it masked. */
    public static String maskIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = URL_IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(mask(matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The user a URL names, in its user information or a {@code user=} parameter. */
    public static Optional<String> user(String url) {
        if (url == null) {
            return Optional.empty();
        }
        int[] info = userInfo(url);
        if (info != null) {
            String userInfo = url.substring(info[0], info[1]);
            int separator = separator(userInfo);
            String user = separator < 0 ? userInfo : userInfo.substring(0, separator);
            if (!user.isBlank()) {
                return Optional.of(user);
            }
        }
        Matcher matcher = USER_PARAMETER.matcher(url);
        if (matcher.find() && !matcher.group(1).isBlank()) {
            return Optional.of(matcher.group(1).trim());
        }
        return Optional.empty();
    }

    private static String maskUserInfo(String url) {
        int[] info = userInfo(url);
        if (info == null) {
            return url;
        }
        String userInfo = url.substring(info[0], info[1]);
        int separator = separator(userInfo);
        if (separator < 0) {
            return url;
        }
        return url.substring(0, info[0]) + userInfo.substring(0, separator + 1) + MASK + url.substring(info[1]);
    }

    /**
     * Start and end of the user information: from after "//" (or, without one, after the last ':' before the '@',
     * as in Oracle's {@code jdbc:oracle:thin:scott/tiger@host}) to the last '@' before the parameters. A password may
     * itself hold '@' or '/', so the last '@' counts.
     */
    private static int[] userInfo(String url) {
        int parameters = firstOf(url, "?;&");
        int at = url.lastIndexOf('@', parameters - 1);
        if (at < 0) {
            return null;
        }
        int slashes = url.indexOf("//");
        int start;
        if (slashes >= 0 && slashes < at) {
            start = slashes + 2;
        } else {
            int colon = url.lastIndexOf(':', at);
            if (colon < 0) {
                return null;
            }
            start = colon + 1;
        }
        return new int[] {start, at};
    }

    /** ':' separates user and password in URLs, '/' in Oracle's form; -1 when only a user is given. */
    private static int separator(String userInfo) {
        int colon = userInfo.indexOf(':');
        int slash = userInfo.indexOf('/');
        if (colon < 0) {
            return slash;
        }
        return slash < 0 ? colon : Math.min(colon, slash);
    }

    private static int firstOf(String text, String characters) {
        int first = text.length();
        for (char c : characters.toCharArray()) {
            int index = text.indexOf(c);
            if (index >= 0 && index < first) {
                first = index;
            }
        }
        return first;
    }
}
