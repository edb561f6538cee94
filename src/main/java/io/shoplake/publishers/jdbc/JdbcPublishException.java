package io.shoplake.publishers.jdbc;

/** A publish that could not be done (database unreachable, schema mismatch, a batch rejected). */
public final class JdbcPublishException extends RuntimeException {

    public JdbcPublishException(String message) {
        super(message);
    }

    public JdbcPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
