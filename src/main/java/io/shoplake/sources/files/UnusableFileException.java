package io.shoplake.sources.files;

/** A whole file cannot be loaded (bad header, wrong delimiter, missing required columns); nothing of it is written. */
public final class UnusableFileException extends RuntimeException {

    public UnusableFileException(String message) {
        super(message);
    }
}
