package io.tapline.sdk;

/** The request was malformed or a parameter is invalid (400). */
public class BadRequestException extends TaplineApiException {

    public BadRequestException(String error, String message, String body) {
        super(400, error, message, body);
    }
}
