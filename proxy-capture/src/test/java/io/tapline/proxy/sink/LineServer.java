package io.tapline.proxy.sink;

import io.tapline.schema.LogRecord;
import io.tapline.schema.WireCodec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TCP listener on loopback that reads JSON lines the way Logstash's {@code tcp} input with
 * {@code json_lines} does, and keeps every record it parsed. It can be stopped (the port then refuses
 * connections) and started again on the same port, as when Logstash restarts, and it can read slowly, as a
 * Logstash whose pipeline is busier than the traffic.
 */
public final class LineServer implements AutoCloseable {
    private final List<LogRecord> received = new ArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    final AtomicInteger accepted = new AtomicInteger();
    public final AtomicInteger badLines = new AtomicInteger();
    private final int readBytes;
    private final long pauseMs;
    private volatile ServerSocket server;
    private int port;

    public LineServer() throws IOException {
        this(64 * 1024, 0);
    }

    /** A receiver that reads at most {@code readBytes} at a time and pauses {@code pauseMs} after each read. */
    public LineServer(int readBytes, long pauseMs) throws IOException {
        this.readBytes = readBytes;
        this.pauseMs = pauseMs;
        start(0);
    }

    public int port() {
        return port;
    }

    /** Listens on {@code port} (0: any free port). */
    void start(int wanted) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        if (pauseMs > 0) {
            s.setReceiveBufferSize(4 * readBytes); // a slow reader with a small window pushes back on the sender
        }
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted));
        server = s;
        port = s.getLocalPort();
        Thread acceptor = new Thread(() -> acceptLoop(s), "line-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Stops listening, so new connections are refused, and closes the open connections the way a stopping
     * server does: it sends its end-of-stream and reads what the client had already sent until the client closes.
     */
    void stop() throws IOException {
        server.close();
        for (Socket c : connections) {
            if (!c.isClosed()) {
                c.shutdownOutput();
            }
        }
    }

    public List<LogRecord> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    /** Waits until at least {@code n} records arrived or {@code timeoutMs} passed. */
    public List<LogRecord> awaitReceived(int n, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (received().size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        return received();
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                accepted.incrementAndGet();
                connections.add(c);
                Thread reader = new Thread(() -> read(c), "line-server-read");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed by stop()
            }
        }
    }

    private void read(Socket c) {
        try (c; InputStream in = c.getInputStream()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buf = new byte[readBytes];
            int n;
            while ((n = in.read(buf)) > 0) {
                pause();
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        parse(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(buf[i]);
                    }
                }
            }
            if (line.size() > 0) {
                badLines.incrementAndGet(); // a torn last line, as Logstash would tag _jsonparsefailure
            }
        } catch (IOException e) {
            // the connection ended; what was read is kept
        } finally {
            connections.remove(c);
        }
    }

    private void pause() {
        if (pauseMs > 0) {
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void parse(String line) {
        try {
            LogRecord r = WireCodec.fromLine(line);
            synchronized (received) {
                received.add(r);
            }
        } catch (RuntimeException e) {
            badLines.incrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket c : connections) {
            c.close();
        }
    }
}
