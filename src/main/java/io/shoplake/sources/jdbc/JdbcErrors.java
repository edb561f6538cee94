package io.shoplake.sources.jdbc;

import io.shoplake.lakehouse.MaskedUrls;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;

/** Turns driver exceptions into one-line messages that say what is wrong and what to do. */
final class JdbcErrors {

    private JdbcErrors() {}

    static JdbcSourceException explain(SQLException e, JdbcSource source, Optional<String> table) {
        String engine = source.engine().displayName();
        String where = engine + " at " + source.hostAndPort();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message;
        if (hasCause(e, ConnectException.class) || hasCause(e, NoRouteToHostException.class)) {
            message = "cannot connect to " + where
                    + ": connection refused; is the server running? try `./shoplake services up`";
        } else if (hasCause(e, UnknownHostException.class)) {
            message = "cannot connect to " + where + ": unknown host";
        } else if (hasCause(e, SocketTimeoutException.class)) {
            message = "cannot connect to " + where + ": timed out; is the host reachable?";
        } else if (e.getErrorCode() == 1045 || state.startsWith("28")) {
            message =
                    engine + " rejected user '" + source.effectiveUser().orElse("") + "': wrong user name or password";
        } else if (e.getErrorCode() == 1049 || "3D000".equals(state)) {
            message = where + " has no such database: " + firstLine(e);
        } else if (e.getErrorCode() == 1146 || "42S02".equals(state) || "42P01".equals(state)) {
            message = where + " has no table '" + table.orElse("?") + "' in " + source.displayUrl();
        } else if (e.getErrorCode() == 1054 || "42S22".equals(state) || "42703".equals(state)) {
            message = where + ": " + firstLine(e)
                    + (table.map(t -> " (table " + t + ")").orElse(""));
        } else if (state.startsWith("08")) {
            message = "cannot connect to " + where + ": " + firstLine(e);
        } else {
            message = where + " failed" + table.map(t -> " reading " + t).orElse("") + ": " + firstLine(e);
        }
        return new JdbcSourceException(message, e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return MaskedUrls.maskIn(text.lines().findFirst().orElse(text));
    }
}
