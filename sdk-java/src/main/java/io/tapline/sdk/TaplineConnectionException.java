package io.tapline.sdk;

/** The API could not be reached, or stopped answering: refused connection, timeout, cut connection. */
public class TaplineConnectionException extends TaplineException {

    public TaplineConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
