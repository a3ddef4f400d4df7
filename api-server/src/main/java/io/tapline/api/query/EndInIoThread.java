package io.tapline.api.query;

import io.undertow.server.HttpServerExchange;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Ends a page's exchange on the connection's I/O thread instead of the worker that wrote the page: the worker
 * flushes every byte it wrote, and the I/O thread writes the end (for a chunked page its last chunk, a few bytes)
 * and re-arms the connection for the next request in the same run.
 *
 * <p>Why: measured per thread in the query benchmark ({@code ThreadCpuProbe}), Undertow's I/O thread spent
 * 0.6-1.4 ms of user CPU per 200-entry page spinning in {@code HttpReadListener.handleEvent} (its compare-and-set
 * loop on the request state, which waits for the thread that completes the exchange to release it), while the worker
 * was idle. Whenever a worker completes the exchange, the client has the page's last byte, and sends its next request,
 * before the connection is re-armed; the I/O thread then meets the request in that window. With the last bytes
 * written by the I/O thread itself, the client cannot send its next request before the connection is ready for it:
 * the same probe read 0.2 ms. (A small page with a {@code Content-Length} is whole for the client once flushed: for
 * it the window stays as it was.) Nothing here can block the I/O thread: the worker has flushed (blocking is allowed
 * there) and drained the request body first.
 */
final class EndInIoThread {
    private EndInIoThread() {
    }

    /**
     * Call last in a handler running on a worker thread, with the response's output stream: everything written to
     * it is flushed here, and its end (for a chunked page, the last chunk: a few bytes) is written by the I/O thread.
     */
    static void end(HttpServerExchange exchange, OutputStream out) throws IOException {
        if (exchange.isInIoThread() || exchange.isComplete() || !exchange.isBlocking()) {
            out.close(); // ended as usual when the handler returns
            return;
        }
        out.flush();
        // Ending reads what is left of the request body: here, where blocking is allowed, not on the I/O thread.
        exchange.getInputStream().close();
        exchange.dispatch(exchange.getIoThread(), exchange::endExchange);
    }
}
