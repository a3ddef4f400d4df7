package io.tapline.proxy.sink;

/** The destination cannot take records right now; they go to the spool and are replayed later. */
public class SinkUnavailableException extends Exception {
    public SinkUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
