package io.tapline.proxy.sink;

import io.tapline.schema.LogRecord;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

/**
 * Ships batches to Logstash's {@code tcp} input with {@code codec => json_lines}: one WireCodec line per record
 * over a kept-open connection. Any I/O failure closes the connection and throws {@link SinkUnavailableException};
 * the next write reconnects.
 *
 * <p>Timeouts: a blocking socket has no write timeout ({@code SO_TIMEOUT} only bounds reads), and a Logstash
 * that stops reading would block the sink thread forever once the kernel buffers fill. So the channel is
 * non-blocking and every connect and write waits on a selector with a deadline.
 *
 * <p>Limit: the json_lines protocol has no acknowledgements. Before each batch the writer checks whether Logstash
 * closed the connection (it never sends anything, so a read returns end-of-stream only then) and reconnects, so
 * a Logstash that stopped or restarted cleanly loses nothing; but bytes the kernel accepted just before Logstash
 * crashed are lost without the writer knowing. Exactly-once needs a protocol with acks (Beats/Lumberjack).
 */
public final class LogstashTcpWriter implements BatchWriter {
    private final String host;
    private final int port;
    private final long connectTimeoutMs;
    private final long writeTimeoutMs;
    private final int sendBufferBytes;
    private final ByteBuffer probe = ByteBuffer.allocate(512);
    private final LineEncoder lines = new LineEncoder();
    private SocketChannel channel;
    private Selector selector;
    private SelectionKey key;

    /** A writer to {@code host:port} with a 2 s connect timeout and a 10 s write timeout. */
    public LogstashTcpWriter(String host, int port) {
        this(host, port, Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    public LogstashTcpWriter(String host, int port, Duration connectTimeout, Duration writeTimeout) {
        this(host, port, connectTimeout, writeTimeout, 0);
    }

    /**
     * @param sendBufferBytes the socket's send buffer ({@code SO_SNDBUF}); 0 leaves it to the OS. What sits in it
     *                        is what a Logstash crash can lose unnoticed, and what a slow Logstash can absorb
     *                        before records wait in the pipeline (and its spool) instead
     */
    public LogstashTcpWriter(String host, int port, Duration connectTimeout, Duration writeTimeout,
                             int sendBufferBytes) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("logstash port must be 1..65535, got " + port);
        }
        if (sendBufferBytes < 0) {
            throw new IllegalArgumentException("sendBufferBytes must be >= 0, got " + sendBufferBytes);
        }
        this.host = host;
        this.port = port;
        this.connectTimeoutMs = Math.max(1, connectTimeout.toMillis());
        this.writeTimeoutMs = Math.max(1, writeTimeout.toMillis());
        this.sendBufferBytes = sendBufferBytes;
    }

    @Override
    public int write(List<LogRecord> batch) throws SinkUnavailableException {
        lines.encode(batch);
        try {
            if (channel != null && peerClosed()) {
                disconnect();
            }
            if (channel == null) {
                connect();
            }
            writeFully(lines.slice(0, lines.size()));
            return lines.refused();
        } catch (IOException e) {
            disconnect();
            throw new SinkUnavailableException(describe() + ": " + e, e);
        }
    }

    @Override
    public String describe() {
        return "logstash " + host + ":" + port;
    }

    /** True while a connection is open (tests and diagnostics). */
    public boolean isConnected() {
        return channel != null;
    }

    @Override
    public void close() {
        disconnect();
    }

    private void connect() throws IOException {
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        if (sendBufferBytes > 0) {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, sendBufferBytes);
        }
        selector = Selector.open();
        key = channel.register(selector, 0);
        if (!channel.connect(new InetSocketAddress(host, port))) { // resolved per connect: DNS may move Logstash
            key.interestOps(SelectionKey.OP_CONNECT);
            if (selector.select(connectTimeoutMs) == 0) {
                throw new SocketTimeoutException("connect timed out after " + connectTimeoutMs + " ms");
            }
            selector.selectedKeys().clear();
            channel.finishConnect();
        }
        key.interestOps(0);
    }

    /** Reads whatever the peer sent: end-of-stream means Logstash closed the connection (it never sends data). */
    private boolean peerClosed() {
        try {
            int n;
            while ((n = channel.read(probe.clear())) > 0) {
                // nothing to do with it: the json_lines input never answers
            }
            return n < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private void writeFully(ByteBuffer data) throws IOException {
        long deadline = System.nanoTime() + writeTimeoutMs * 1_000_000;
        while (data.hasRemaining()) {
            if (channel.write(data) > 0) {
                continue;
            }
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                throw new SocketTimeoutException("write timed out after " + writeTimeoutMs + " ms");
            }
            key.interestOps(SelectionKey.OP_WRITE);
            selector.select(leftMs);
            selector.selectedKeys().clear();
            key.interestOps(0);
        }
    }

    private void disconnect() {
        try {
            if (selector != null) {
                selector.close();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the connection is being thrown away either way
        }
        selector = null;
        channel = null;
        key = null;
    }
}
