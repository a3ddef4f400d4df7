package io.tapline.proxy.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.tapline.proxy.capture.EventAction;

import java.nio.charset.StandardCharsets;

/** The proxy's own error answers, in the same {@code {"statusCode","error","message"}} shape as the API's. */
final class ErrorResponses {
    private ErrorResponses() {
    }

    static FullHttpResponse of(HttpResponseStatus status, String message, boolean keepAlive) {
        String json = "{\"statusCode\":" + status.code() + ",\"error\":\"" + status.reasonPhrase()
                + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        return r;
    }

    /** How a malformed request is answered and recorded. */
    record Rejection(HttpResponseStatus status, String action) {
    }

    /** The answer to a request the HTTP codec could not decode, by what went wrong. */
    static Rejection rejection(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException
                || cause instanceof TooLongFrameException && String.valueOf(cause.getMessage()).contains("header")) {
            return new Rejection(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, EventAction.HEADER_TOO_LARGE);
        }
        if (cause instanceof TooLongHttpLineException) {
            return new Rejection(HttpResponseStatus.REQUEST_URI_TOO_LONG, EventAction.MALFORMED_REQUEST);
        }
        return new Rejection(HttpResponseStatus.BAD_REQUEST, EventAction.MALFORMED_REQUEST);
    }

    /**
     * Sends the error and, unless {@code keepAlive}, closes the connection afterwards: a lingering close, since the
     * rest of the request may still be unread.
     */
    static void send(ChannelHandlerContext ctx, HttpResponseStatus status, String message, boolean keepAlive) {
        var f = ctx.writeAndFlush(of(status, message, keepAlive));
        if (!keepAlive) {
            LingeringClose.after(f);
        }
    }
}
