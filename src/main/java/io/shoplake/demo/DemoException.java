package io.shoplake.demo;

/** The demo cannot run as asked (e.g. its lake folder belongs to someone else); the message says what to do. */
public final class DemoException extends RuntimeException {

    public DemoException(String message) {
        super(message);
    }
}
