import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Logstash {@code tcp} input with {@code codec => json_lines}, as far as bench/proxy/run.sh needs one: a separate
 * process on loopback that accepts the proxy's connections, reads every line, checks that it is one JSON object,
 * and counts the records by {@code tapline.kind}, so that the benchmark can check that every request it sent was
 * recorded and delivered. It does not parse the JSON into objects: in production Logstash runs on other machines,
 * and here its cost would land on the 2 cores the proxy is measured on (its CPU is reported anyway).
 *
 * <p>{@code java LineReceiver.java --counts FILE} listens on a free loopback port, prints {@code LISTENING port=N},
 * and rewrites FILE every 100 ms (atomically) with one line:
 * {@code lines=.. requests=.. responses=.. events=.. aborts=.. bad=.. bytes=.. connections=..}, where
 * {@code aborts} counts the {@code client_abort} events (an exchange the client gave up on has one instead of a
 * response record).
 */
public final class LineReceiver {
    private static final byte[] KIND = "\"kind\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIENT_ABORT = "\"action\":\"client_abort\"".getBytes(StandardCharsets.US_ASCII);

    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong responses = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong aborts = new AtomicLong();
    private final AtomicLong bad = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();

    public static void main(String[] args) throws Exception {
        Path counts = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--counts")) {
                counts = Path.of(args[i + 1]);
            }
        }
        if (counts == null) {
            System.err.println("usage: java LineReceiver.java --counts FILE");
            System.exit(2);
        }
        new LineReceiver().run(counts);
    }

    private void run(Path counts) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread writer = new Thread(() -> {
            while (true) {
                try {
                    write(counts);
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        }, "counts");
        writer.setDaemon(true);
        writer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                write(counts);
            } catch (IOException ignored) {
                // nothing more to do on the way out
            }
        }));
        System.out.println("LISTENING port=" + server.getLocalPort());
        System.out.flush();
        while (true) {
            Socket s = server.accept();
            connections.incrementAndGet();
            Thread t = new Thread(() -> read(s), "read");
            t.setDaemon(true);
            t.start();
        }
    }

    private void write(Path counts) throws IOException {
        String text = "lines=" + lines.get() + " requests=" + requests.get() + " responses=" + responses.get()
                + " events=" + events.get() + " aborts=" + aborts.get() + " bad=" + bad.get() + " bytes=" + bytes.get()
                + " connections=" + connections.get() + "\n";
        Path tmp = counts.resolveSibling(counts.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, counts, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads lines until the peer closes; a line split across reads is carried over. */
    private void read(Socket s) {
        byte[] buf = new byte[256 * 1024];
        int start = 0;
        int end = 0;
        try (s; InputStream in = s.getInputStream()) {
            int n;
            while ((n = in.read(buf, end, buf.length - end)) > 0) {
                bytes.addAndGet(n);
                int scanFrom = end;
                end += n;
                for (int i = scanFrom; i < end; i++) {
                    if (buf[i] == '\n') {
                        line(buf, start, i);
                        start = i + 1;
                    }
                }
                if (start == end) {
                    start = 0;
                    end = 0;
                } else if (end == buf.length) {
                    if (start == 0) { // one line longer than the buffer: grow
                        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                    } else {
                        System.arraycopy(buf, start, buf, 0, end - start);
                        end -= start;
                        start = 0;
                    }
                }
            }
            if (end > start) {
                bad.incrementAndGet(); // a torn last line, as Logstash would tag _jsonparsefailure
            }
        } catch (IOException e) {
            // the connection ended; what was read is counted
        }
    }

    private void line(byte[] b, int from, int to) {
        int last = to;
        while (last > from && (b[last - 1] == '\r' || b[last - 1] == ' ')) {
            last--;
        }
        if (last - from < 2 || b[from] != '{' || b[last - 1] != '}') {
            bad.incrementAndGet();
            return;
        }
        lines.incrementAndGet();
        int k = indexOf(b, from, last, KIND);
        if (k < 0) {
            return;
        }
        int v = k + KIND.length;
        if (startsWith(b, v, last, "request\"")) {
            requests.incrementAndGet();
        } else if (startsWith(b, v, last, "response\"")) {
            responses.incrementAndGet();
        } else if (startsWith(b, v, last, "event\"")) {
            events.incrementAndGet();
            if (indexOf(b, from, last, CLIENT_ABORT) >= 0) {
                aborts.incrementAndGet();
            }
        }
    }

    private static int indexOf(byte[] b, int from, int to, byte[] what) {
        outer:
        for (int i = from; i <= to - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int at, int to, String prefix) {
        if (to - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
