package io.shoplake.pipelines.orders.mysql;

import java.sql.SQLException;

/** Turns JDBC errors into one-line messages that say what is wrong and what to do. */
final class MysqlErrors {

    private static final int ACCESS_DENIED = 1045;

    private MysqlErrors() {}

    static MysqlLoadException translate(MysqlTarget target, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e.getErrorCode() == ACCESS_DENIED || state.startsWith("28")) {
            return new MysqlLoadException(
                    "MySQL rejected user '" + target.user()
                            + "': wrong user name or password (set SHOPLAKE_JDBC_USER/SHOPLAKE_JDBC_PASSWORD or --user/--password-file)",
                    e);
        }
        if (state.startsWith("08")) {
            return new MysqlLoadException(
                    "cannot connect to MySQL at " + target.hostAndPort() + ": " + firstLine(e)
                            + "; is the server running? try `./shoplake services up`",
                    e);
        }
        return new MysqlLoadException("MySQL error on " + target.maskedUrl() + ": " + firstLine(e), e);
    }

    static void rethrowIfConnectionLost(MysqlTarget target, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08")) {
            throw translate(target, e);
        }
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return io.shoplake.lakehouse.MaskedUrls.maskIn(
                message.lines().findFirst().orElse(message));
    }
}
