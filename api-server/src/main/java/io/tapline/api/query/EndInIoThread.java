package io.tapline.api.query;

import io.undertow.server.HttpServerExchange;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Ends an exchange whose response is already written in full on the connection's I/O thread instead of the worker
 * that wrote it.
 *
 * <p>Why: when a worker thread ends an exchange, Undertow re-arms the connection for its next request while holding
 * a state flag, and the I/O thread, woken by that very re-arming, finds the client's next request already there (a
 * client that sends its next request as soon as the last byte arrives) and spins on the flag until the worker lets
 * go of it ({@code HttpReadListener.handleEvent}). On a machine with few cores the worker is often descheduled in
 * that window, and the spin burned about 0.7-1.3 ms of the I/O thread's CPU per page in the query benchmark, CPU the
 * worker itself then waited for. Ended on the I/O thread, the connection is re-armed without the flag: no spin.
 * Only for a response whose bytes are all written (its output stream closed), so that nothing blocks that thread.
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
