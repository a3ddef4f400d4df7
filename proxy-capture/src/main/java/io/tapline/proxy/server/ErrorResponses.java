package io.tapline.proxy.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import io.tapline.schema.Level;

import java.net.InetSocketAddress;
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

    /** Answers a request that cannot be relayed (400, 414 or 431), with its event, and closes. */
    static void reject(ProxyContext ctx, ChannelHandlerContext c, BadRequest reason) {
        HttpResponseStatus status = reason.status();
        ctx.metrics().response(status.code());
        ctx.metrics().errors.increment();
        InetSocketAddress peer = (InetSocketAddress) c.channel().remoteAddress();
        ctx.emit(ctx.records().event(null, null, reason.action(), Level.WARN, "rejected from "
                + peer.getAddress().getHostAddress() + ": " + oneLine(reason), status.code()));
        send(c, status, status.reasonPhrase(), false);
    }

    /** A throwable's message on one line of at most 200 characters, for events and start errors. */
    static String oneLine(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = m.replaceAll("\\s+", " ");
        return m.length() > 200 ? m.substring(0, 200) : m;
    }
}
