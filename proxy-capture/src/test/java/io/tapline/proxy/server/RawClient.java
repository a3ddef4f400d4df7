package io.tapline.proxy.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain socket speaking hand-written HTTP, for the requests a well-behaved client library refuses to send. */
final class RawClient implements AutoCloseable {
    final Socket socket;
    final OutputStream out;
    final InputStream in;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    RawClient send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Reads until the peer closes or {@code marker} has been seen (or the timeout passes). */
    String readUntil(String marker) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        try {
            int n;
            while ((n = in.read(b)) > 0) {
                buf.write(b, 0, n);
                if (marker != null && buf.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // return what arrived
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    String readAll() throws IOException {
        return readUntil(null);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
