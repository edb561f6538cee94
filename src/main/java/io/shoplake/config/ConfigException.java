package io.shoplake.config;

/** A configuration problem the user must fix; the message is one line and says what is wrong. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
