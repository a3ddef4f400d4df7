package io.tapline.sdk;

/** No credential, or one the API does not accept: unknown, expired, revoked (401). */
public class UnauthorizedException extends TaplineApiException {

    public UnauthorizedException(String error, String message, String body) {
        super(401, error, message, body);
    }
}
