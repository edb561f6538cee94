package io.shoplake.cli.common;

/** The CLI's exit codes (README: 0 ok, 1 the run failed, 2 usage or configuration error). */
public final class ExitCode {

    public static final int OK = 0;
    public static final int RUN_FAILED = 1;
    public static final int USAGE = 2;

    private ExitCode() {}

    /** The first line of an exception's message (or of the first cause that has one), for a one-line error. */
    public static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && (root.getMessage() == null)) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
