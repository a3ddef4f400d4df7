package io.tapline.embedded;

/** The embedded node could not be prepared, started or reached; the message is one line fit for a user. */
public class EmbeddedElasticsearchException extends RuntimeException {
    public EmbeddedElasticsearchException(String message) {
        super(message);
    }

    public EmbeddedElasticsearchException(String message, Throwable cause) {
        super(message, cause);
    }
}
