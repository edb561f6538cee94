package io.shoplake.cli.common;

import java.util.function.Supplier;

/** The command line asks for something that cannot work (exit code 2); the message says what to change. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }

    /** Runs {@code parse}; an {@link IllegalArgumentException} (a rule and the bad value) becomes a usage error. */
    public static <T> T whenInvalid(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
