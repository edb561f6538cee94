package io.shoplake.pipelines.orders.mysql;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MySQL (or MariaDB) database to write to: the JDBC URL and credentials. The database is the URL's path
 * ({@code jdbc:mysql://host:3306/northwind}); {@value #DEFAULT_DATABASE} when the URL names none.
 */
public record MysqlTarget(String url, String user, Optional<String> password) {

    public static final String DEFAULT_DATABASE = "northwind";

    private static final Pattern URL = Pattern.compile("jdbc:(mysql|mariadb)://([^/?]*)(/([^?]*))?(\\?.*)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public MysqlTarget {
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "MySQL URL must look like jdbc:mysql://HOST:PORT/DATABASE, was: " + masked(url));
        }
        String database = matcher.group(4);
        if (database != null && !database.isEmpty() && !NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name must match " + NAME + ", was: " + database);
        }
    }

    /** The database written to. */
    public String database() {
        Matcher matcher = URL.matcher(url);
        matcher.matches();
        String database = matcher.group(4);
        return database == null || database.isEmpty() ? DEFAULT_DATABASE : database;
    }

    /** host:port as written in the URL. */
    public String hostAndPort() {
        Matcher matcher = URL.matcher(url);
        matcher.matches();
        String authority = matcher.group(2);
        int at = authority.lastIndexOf('@');
        return at >= 0 ? authority.substring(at + 1) : authority;
    }

    /**
     * The URL the loader connects with: the database made explicit and created when missing, batched inserts
     * rewritten into multi-row statements, server-side prepared statements off (faster for batches).
     */
    String connectionUrl() {
        Matcher matcher = URL.matcher(url);
        matcher.matches();
        String query = matcher.group(5) == null ? "" : matcher.group(5).substring(1);
        String extra = "createDatabaseIfNotExist=true&rewriteBatchedStatements=true&useServerPrepStmts=false"
                + "&allowPublicKeyRetrieval=true";
        return "jdbc:" + matcher.group(1) + "://" + matcher.group(2) + "/" + database() + "?"
                + (query.isEmpty() ? extra : query + "&" + extra);
    }

    /** The URL with any user information and password parameters blanked: safe to print. */
    public String maskedUrl() {
        return masked(url);
    }

    static String masked(String url) {
        return io.shoplake.lakehouse.MaskedUrls.mask(url);
    }
}
