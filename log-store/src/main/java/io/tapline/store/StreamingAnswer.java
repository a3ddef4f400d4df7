package io.tapline.store;

import org.apache.http.ContentTooLongException;
import org.apache.http.HttpEntity;
import org.apache.http.HttpResponse;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.ContentDecoder;
import org.apache.http.nio.IOControl;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.apache.http.nio.protocol.AbstractAsyncResponseConsumer;
import org.apache.http.protocol.HttpContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Receives one search answer on the REST client's I/O thread and lets another thread parse it while it arrives
 * ({@link #stream()}), instead of waiting for its last byte: the answer's bytes are kept whole as they come (a
 * reader may go back to a document, see {@link #bytes()}), and once complete the response carries them as its
 * entity, as the client's own heap-buffered consumer leaves it (error answers are read from there).
 */
final class StreamingAnswer extends AbstractAsyncResponseConsumer<HttpResponse> implements AnswerScanner.Feed {
    /** The limit of the client's own heap-buffered consumer. */
    private static final int LIMIT = 100 * 1024 * 1024;

    /** Bytes received before they are handed to the reader while more are being read (see onContentReceived). */
    private static final int HANDOVER = 32 * 1024;

    private final Object lock = new Object();
    /** The count last handed over; only the I/O thread uses it. */
    private int published;
    private byte[] bytes;
    private int count;
    private HttpResponse response;
    private ContentType contentType;
    private boolean ended;
    private boolean complete;

    /** @param expectedBytes what the answer is likely to hold (the previous page's size), to grow it rarely */
    StreamingAnswer(int expectedBytes) {
        bytes = new byte[Math.max(16 * 1024, expectedBytes)];
    }

    /** How many bytes arrived: once complete, the answer's size. */
    int count() {
        synchronized (lock) {
            return count;
        }
    }

    @Override
    protected void onResponseReceived(HttpResponse received) {
        synchronized (lock) {
            response = received;
            lock.notifyAll();
        }
    }

    @Override
    protected void onEntityEnclosed(HttpEntity entity, ContentType type) throws IOException {
        long length = entity.getContentLength();
        if (length > LIMIT) {
            throw new ContentTooLongException("entity content is too long [" + length + "] for the configured buffer limit [" + LIMIT + "]");
        }
        contentType = type;
    }

    @Override
    protected void onContentReceived(ContentDecoder decoder, IOControl control) throws IOException {
        // Only this thread writes, at and past count; readers copy below count: the bytes need no lock, the
        // count and the array's identity do.
        byte[] target;
        int at;
        synchronized (lock) {
            target = bytes;
            at = count;
        }
        while (true) {
            if (at == target.length) {
                if (target.length >= LIMIT) {
                    throw new ContentTooLongException("entity content is too long for the configured buffer limit [" + LIMIT + "]");
                }
                byte[] grown = Arrays.copyOf(target, Math.min(LIMIT, target.length * 2));
                synchronized (lock) {
                    bytes = grown;
                }
                target = grown;
            }
            int n = decoder.read(ByteBuffer.wrap(target, at, target.length - at));
            if (n <= 0) {
                break;
            }
            at += n;
            // Handed over every HANDOVER bytes, not only once the connection is drained: Elasticsearch writes a
            // page in one burst, and draining all of it first (about 20 reads of the connection's 8 KB buffer for a
            // 200-hit page) put this thread's copying in front of the reader's work instead of beside it. Not every
            // read: each hand-over may cut a document, which the reader then walks twice.
            if (at - published >= HANDOVER) {
                publish(at);
            }
        }
        if (at > published) {
            publish(at);
        }
    }

    private void publish(int at) {
        published = at;
        synchronized (lock) {
            count = at;
            lock.notifyAll();
        }
    }

    @Override
    protected HttpResponse buildResult(HttpContext context) {
        synchronized (lock) {
            response.setEntity(new NByteArrayEntity(bytes, 0, count, contentType));
            complete = true;
            return response;
        }
    }

    @Override
    protected void releaseResources() {
        // after the result was built, after a failure, or on cancel
        synchronized (lock) {
            ended = true;
            lock.notifyAll();
        }
    }

    /**
     * Waits for the status line: its code, or -1 when the exchange failed before it. Interrupted, gives up
     * with -1 too (the caller then waits for the client's outcome, which says what went wrong).
     */
    int awaitStatus() {
        synchronized (lock) {
            try {
                while (response == null && !ended) {
                    lock.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            return response == null ? -1 : response.getStatusLine().getStatusCode();
        }
    }

    /**
     * Waits until more than {@code have} bytes arrived and returns how many did; {@code have} when the answer is
     * complete. Fails as {@link #stream()} does when the exchange ends before the answer does.
     */
    @Override
    public int await(int have) throws IOException {
        synchronized (lock) {
            try {
                while (count <= have && !ended) {
                    lock.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading the search answer");
            }
            if (count > have || complete) {
                return count;
            }
            Exception cause = getException();
            throw new IOException("the search answer ended early" + (cause == null ? "" : ": " + cause.getMessage()),
                    cause);
        }
    }

    /** Every byte received so far, from the first, in an array that may be longer. */
    @Override
    public byte[] bytes() {
        synchronized (lock) {
            return bytes;
        }
    }

    /** The answer's bytes as they arrive; the stream fails if the exchange does before its end. */
    InputStream stream() {
        return new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                synchronized (lock) {
                    try {
                        while (position == count && !ended) {
                            lock.wait();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted while reading the search answer");
                    }
                    if (position == count) {
                        if (complete) {
                            return -1;
                        }
                        Exception cause = getException();
                        throw new IOException("the search answer ended early"
                                + (cause == null ? "" : ": " + cause.getMessage()), cause);
                    }
                    int n = Math.min(length, count - position);
                    System.arraycopy(bytes, position, into, offset, n);
                    position += n;
                    return n;
                }
            }
        };
    }
}
