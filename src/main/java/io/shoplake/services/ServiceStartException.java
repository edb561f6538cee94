package io.shoplake.services;

/** An embedded server did not start; the message names the server and the cause. */
public final class ServiceStartException extends RuntimeException {

    public ServiceStartException(ServiceKind kind, Throwable cause) {
        super("cannot start embedded " + kind.id() + ": " + firstLine(cause), cause);
    }

    public ServiceStartException(String message) {
        super(message);
    }

    private static String firstLine(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
