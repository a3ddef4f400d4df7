package io.tapline.cli.setup;

/** Kibana could not be reached or refused a request; the message is one line a user can act on. */
public final class KibanaException extends RuntimeException {
    public KibanaException(String message) {
        super(message);
    }
}
