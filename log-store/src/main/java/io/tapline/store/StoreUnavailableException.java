package io.tapline.store;

/** Elasticsearch could not be reached or did not answer in time; the API maps this to 503. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
