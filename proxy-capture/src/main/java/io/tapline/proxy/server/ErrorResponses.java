package io.tapline.proxy.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

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

    /** Sends the error and closes the connection afterwards unless {@code keepAlive}. */
    static void send(ChannelHandlerContext ctx, HttpResponseStatus status, String message, boolean keepAlive) {
        var f = ctx.writeAndFlush(of(status, message, keepAlive));
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
