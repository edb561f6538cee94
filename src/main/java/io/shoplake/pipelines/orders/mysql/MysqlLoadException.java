package io.shoplake.pipelines.orders.mysql;

/** A MySQL load cannot run (server unreachable, login refused, unusable file); the message is one line. */
public final class MysqlLoadException extends RuntimeException {

    public MysqlLoadException(String message) {
        super(message);
    }

    public MysqlLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
