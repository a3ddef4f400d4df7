package io.tapline.sdk;

/** The credential is valid but may not do this: another tenant's scope, the wrong listener (403). */
public class ForbiddenException extends TaplineApiException {

    public ForbiddenException(String error, String message, String body) {
        super(403, error, message, body);
    }
}
