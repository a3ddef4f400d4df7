package io.tapline.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback TCP relay between a client and a server, to break connections for real: {@link #cutAll()} closes
 * every relayed connection (the client sees its stream end), {@link #freezeAll()} keeps them open but stops
 * forwarding (a silently dead link). It keeps accepting new connections, forwarded to {@link #target}.
 */
final class TcpRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final AtomicReference<InetSocketAddress> target;
    private final Set<Pair> pairs = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    TcpRelay(InetSocketAddress target) throws IOException {
        this.target = new AtomicReference<>(target);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** Where new connections go from now on. */
    void retarget(InetSocketAddress to) {
        target.set(to);
    }

    int accepted() {
        return accepted.get();
    }

    int open() {
        return pairs.size();
    }

    /** Closes every relayed connection on both sides. */
    void cutAll() {
        for (Pair p : pairs) {
            p.close();
        }
    }

    /** Stops forwarding on every current connection without closing it. */
    void freezeAll() {
        for (Pair p : pairs) {
            p.frozen = true;
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                Socket server = new Socket();
                try {
                    server.connect(target.get(), 5_000);
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                Pair p = new Pair(client, server);
                pairs.add(p);
                p.start();
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private final class Pair {
        final Socket client;
        final Socket server;
        volatile boolean frozen;

        Pair(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            pump(client, server, "relay-up");
            pump(server, client, "relay-down");
        }

        private void pump(Socket from, Socket to, String name) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        while (frozen && !from.isClosed()) {
                            Thread.sleep(20);
                        }
                        if (frozen) {
                            break;
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // cut or closed: fall through
                } finally {
                    close();
                }
            }, name);
            t.setDaemon(true);
            t.start();
        }

        void close() {
            pairs.remove(this);
            try {
                client.close();
            } catch (IOException ignored) {
                // already closed
            }
            try {
                server.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        cutAll();
    }
}
