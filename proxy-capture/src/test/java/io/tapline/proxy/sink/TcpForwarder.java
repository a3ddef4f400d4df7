package io.tapline.proxy.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real loopback TCP forwarder in front of a server (here the embedded Elasticsearch node) that can be made to
 * refuse connections and cut the open ones, as a cluster that goes down does, and then come back on the same port.
 */
public final class TcpForwarder implements AutoCloseable {
    private volatile InetSocketAddress target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private int port;

    public TcpForwarder(String host, int targetPort) throws IOException {
        this.target = new InetSocketAddress(host, targetPort);
        listen(0);
    }

    public int port() {
        return port;
    }

    /** Refuses new connections and resets the open ones. */
    public void refuse() throws IOException {
        server.close();
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0); // a reset, as from a node that died, not a polite close
            } catch (IOException alreadyClosed) {
                // its pump closed it a moment ago
            }
            closeQuietly(s);
        }
    }

    /** Sends new connections to another port from now on (a restarted server that came back elsewhere). */
    public void retarget(int targetPort) {
        target = new InetSocketAddress(target.getHostString(), targetPort);
    }

    /** Accepts connections again, on the same port. */
    public void resume() throws IOException {
        listen(port);
    }

    private void listen(int wanted) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted));
        server = s;
        port = s.getLocalPort();
        daemon("forwarder-accept", () -> {
            while (!s.isClosed()) {
                try {
                    Socket client = s.accept();
                    Socket upstream = new Socket();
                    upstream.connect(target, 2000);
                    open.add(client);
                    open.add(upstream);
                    daemon("forwarder-up", () -> pump(client, upstream));
                    daemon("forwarder-down", () -> pump(upstream, client));
                } catch (IOException e) {
                    return; // refused: the listener is closed
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buf = new byte[32 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away; closing both ends below tells the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        refuse();
    }
}
