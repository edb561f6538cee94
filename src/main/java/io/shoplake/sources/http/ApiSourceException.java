package io.shoplake.sources.http;

/** An API run that could not finish: the message says what failed and what was kept. */
public final class ApiSourceException extends RuntimeException {

    public ApiSourceException(String message) {
        super(message);
    }

    public ApiSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
