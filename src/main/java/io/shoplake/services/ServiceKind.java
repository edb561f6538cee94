package io.shoplake.services;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The embedded servers shoplake can run, each with its command-line name and the port it prefers. */
public enum ServiceKind {
    MARIADB("mariadb", 3307),
    POSTGRES("postgres", 5433),
    KAFKA("kafka", 9093),
    MONGODB("mongodb", 27018);

    private final String id;
    private final int preferredPort;

    ServiceKind(String id, int preferredPort) {
        this.id = id;
        this.preferredPort = preferredPort;
    }

    /** The name used on the command line and in state files, e.g. {@code mariadb}. */
    public String id() {
        return id;
    }

    /**
     * The port {@code services up} tries first, so URLs stay the same between runs (a free one when it is taken).
     * Chosen next to each server's standard port so a locally installed server is not disturbed.
     */
    public int preferredPort() {
        return preferredPort;
    }

    public static ServiceKind parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(kind -> kind.id.equals(wanted))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("unknown service '" + name + "' (known: " + names() + ")"));
    }

    /** Parses a comma-separated list such as {@code mariadb,kafka}. */
    public static Set<ServiceKind> parseList(String names) {
        Set<ServiceKind> kinds = EnumSet.noneOf(ServiceKind.class);
        for (String name : names.split(",")) {
            if (!name.isBlank()) {
                kinds.add(parse(name));
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException(
                    "service list must name at least one service (known: " + names() + "), was: '" + names + "'");
        }
        return kinds;
    }

    public static String names() {
        return Arrays.stream(values()).map(ServiceKind::id).collect(Collectors.joining(", "));
    }
}
