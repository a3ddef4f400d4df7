package io.tapline.sdk;

/** No such endpoint or resource (404). */
public class NotFoundException extends TaplineApiException {

    public NotFoundException(String error, String message, String body) {
        super(404, error, message, body);
    }
}
