package io.shoplake.dashboard;

/** A request parameter the chart cannot use: answered with HTTP 400 and this message. */
public final class BadParameterException extends RuntimeException {

    public BadParameterException(String message) {
        super(message);
    }
}
