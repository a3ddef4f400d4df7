package io.tapline.store;

/**
 * Elasticsearch refused a search because of what it was asked for, such as a full text with more words than it
 * accepts in one query; the API maps this to 400. The message never repeats the caller's input.
 */
public class QueryRejectedException extends RuntimeException {
    public QueryRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
