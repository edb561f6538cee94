package io.shoplake.sources.jdbc;

/** The source database cannot be read (down, wrong credentials, missing table); the message says what to do. */
public final class JdbcSourceException extends RuntimeException {

    public JdbcSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
