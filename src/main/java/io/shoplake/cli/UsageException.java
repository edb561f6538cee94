package io.shoplake.cli;

/** The command line asks for something that cannot work (exit code 2); the message says what to change. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
