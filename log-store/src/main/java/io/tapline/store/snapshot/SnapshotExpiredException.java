package io.tapline.store.snapshot;

/**
 * The snapshot a stream or cursor reads from is gone: its keep-alive ran out, Elasticsearch restarted, or it was
 * closed. Nothing can resume it; the API answers 410 (or ends a stream with the seed's 410 trailer).
 */
public class SnapshotExpiredException extends RuntimeException {
    public SnapshotExpiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
