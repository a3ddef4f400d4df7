package io.tapline.sdk;

/** Everything the SDK throws for a failed call: an API error ({@link TaplineApiException}) or no answer at all. */
public class TaplineException extends RuntimeException {

    public TaplineException(String message) {
        super(message);
    }

    public TaplineException(String message, Throwable cause) {
        super(message, cause);
    }
}
