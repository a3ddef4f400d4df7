package io.tapline.sdk;

/** What the request continued no longer exists, e.g. an expired row-cursor snapshot (410). */
public class GoneException extends TaplineApiException {

    public GoneException(String error, String message, String body) {
        super(410, error, message, body);
    }
}
