package io.shoplake.cli.common;

/** A run failed because of the data or a service (exit code 1); the message says which and what to do. */
public final class RunFailedException extends RuntimeException {

    public RunFailedException(String message) {
        super(message);
    }

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
