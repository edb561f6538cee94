package io.shoplake.sources.jdbc;

import static java.util.Objects.requireNonNull;

import io.shoplake.lakehouse.MaskedUrls;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MySQL (or MariaDB) or PostgreSQL database to read from: its JDBC URL and credentials. The password is never
 * part of {@link #toString()} or {@link #displayUrl()}; credentials written into the URL are masked there too, by
 * {@link MaskedUrls}.
 *
 * @param url the JDBC URL, e.g. {@code jdbc:mysql://127.0.0.1:3307/shoplake}
 * @param user the user, if any
 * @param password the password, if any
 */
public record JdbcSource(String url, Optional<String> user, Optional<String> password) {

    private static final Pattern HOST = Pattern.compile("^jdbc:[a-z]+://(?:[^@/?]*@)?([^/?;,]+)");

    public JdbcSource {
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        engine(url);
    }

    /** The database products this source reads. */
    public enum Engine {
        MYSQL("MySQL", 3306),
        POSTGRESQL("PostgreSQL", 5432);

        private final String displayName;
        private final int defaultPort;

        Engine(String displayName, int defaultPort) {
            this.displayName = displayName;
            this.defaultPort = defaultPort;
        }

        public String displayName() {
            return displayName;
        }
    }

    public Engine engine() {
        return engine(url);
    }

    private static Engine engine(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:")) {
            return Engine.MYSQL;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return Engine.POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "JDBC URL must start with jdbc:mysql:, jdbc:mariadb: or jdbc:postgresql:, was: " + mask(url));
    }

    /** {@code host:port} of the server, with the engine's default port when the URL names none. */
    public String hostAndPort() {
        Matcher matcher = HOST.matcher(url);
        if (!matcher.find()) {
            return "(unknown host)";
        }
        String host = matcher.group(1);
        return host.contains(":") && !host.endsWith("]") ? host : host + ":" + engine().defaultPort;
    }

    /** The URL without credentials: safe to print, log, and store as bronze {@code _source}. */
    public String displayUrl() {
        return mask(url);
    }

    /** Connection properties for the driver: user, password, and short timeouts so a dead host fails fast. */
    public Properties connectionProperties() {
        Properties properties = new Properties();
        user.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        switch (engine()) {
            case MYSQL -> {
                properties.setProperty("connectTimeout", "10000");
                // Without it the driver ignores the fetch size and holds a whole result set in memory.
                properties.setProperty("useCursorFetch", "true");
                // MySQL's "zero" dates (0000-00-00) cannot be read as text otherwise; they arrive as null.
                properties.setProperty("zeroDateTimeBehavior", "CONVERT_TO_NULL");
            }
            case POSTGRESQL -> properties.setProperty("connectTimeout", "10");
        }
        return properties;
    }

    static String mask(String url) {
        return MaskedUrls.mask(url);
    }

    /** The user to name in messages: the one given, else the one the URL names. */
    public Optional<String> effectiveUser() {
        return user.or(() -> MaskedUrls.user(url));
    }

    @Override
    public String toString() {
        return "JdbcSource[url=" + displayUrl() + ", user=" + user.orElse("") + ", password="
                + (password.isPresent() ? "***" : "") + "]";
    }
}
