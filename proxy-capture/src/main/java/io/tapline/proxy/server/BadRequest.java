package io.tapline.proxy.server;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.tapline.proxy.capture.EventAction;

/**
 * A request the proxy will not relay: its head or its body's framing is malformed, or its head is too large. Says
 * how it is answered (400, 414 or 431) and which event records it. No stack trace: this is the client's fault, and
 * hostile clients can make many.
 */
final class BadRequest extends Exception {
    private final HttpResponseStatus status;
    private final String action;

    private BadRequest(HttpResponseStatus status, String action, String message) {
        super(message, null, false, false);
        this.status = status;
        this.action = action;
    }

    /** 400: the head or the body's framing is malformed. */
    static BadRequest malformed(String message) {
        return new BadRequest(HttpResponseStatus.BAD_REQUEST, EventAction.MALFORMED_REQUEST, message);
    }

    /** 414: the request line is longer than the proxy reads. */
    static BadRequest lineTooLong(int limit) {
        return new BadRequest(HttpResponseStatus.REQUEST_URI_TOO_LONG, EventAction.MALFORMED_REQUEST,
                "request line longer than " + limit + " bytes");
    }

    /** 431: the header section is larger than the proxy reads. */
    static BadRequest headersTooLarge(int limit) {
        return new BadRequest(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, EventAction.HEADER_TOO_LARGE,
                "header section larger than " + limit / 1024 + " KiB");
    }

    HttpResponseStatus status() {
        return status;
    }

    String action() {
        return action;
    }
}
