import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop, constant-rate HTTP/1.1 load generator for bench/proxy/run.sh (Debian's wrk has no -R option).
 *
 * <p>Requests are due at a fixed rate, {@code start + j / rate} for j = 0, 1, 2, ..., and request j belongs to
 * keep-alive connection {@code j % connections}. A connection carries one request at a time (no pipelining): if it
 * is still waiting for its previous response when its next request is due, that request is owed and goes out the
 * moment the response arrives. Every latency is counted from when the request was <em>due</em>, not from when it
 * could be sent, so a stalled server cannot hide behind a stalled client (coordinated omission corrected, as wrk2
 * does). Latencies of requests due during the warm-up are discarded.
 *
 * <p>Two threads: a pacer that sleeps until each due time and sends on idle connections, and a reader that waits
 * on a selector for responses and sends owed requests. Only loopback-sized requests are written (one small write
 * per request), so writes never block.
 *
 * <p>Run as a single source file or compiled: {@code java ConstantRate.java --url http://127.0.0.1:8080/x
 * --rate 10000 --duration 15s --warmup 5s --connections 64}. Prints one line: {@code RESULT target_rate=..
 * achieved_rate=.. requests=.. errors=.. non2xx=.. p50_ms=.. p90_ms=.. p99_ms=.. p999_ms=.. max_ms=..
 * service_p50_ms=.. service_p99_ms=.. completed_total=.. late_sends=..}: {@code service_*} is measured from the
 * actual send instead, {@code completed_total} also counts the warm-up's responses, and {@code late_sends} counts
 * requests that left more than 1 ms after they were due (owed, or a late pacer).
 */
public final class ConstantRate {
    private static final long GRACE_NANOS = 5_000_000_000L;

    public static void main(String[] args) throws Exception {
        URI url = null;
        double rate = 0;
        double duration = 15;
        double warmup = 5;
        int connections = 64;
        for (int i = 0; i < args.length; i += 2) {
            String v = i + 1 < args.length ? args[i + 1] : usage("missing value for " + args[i]);
            switch (args[i]) {
                case "--url" -> url = URI.create(v);
                case "--rate" -> rate = Double.parseDouble(v);
                case "--duration" -> duration = seconds(v);
                case "--warmup" -> warmup = seconds(v);
                case "--connections" -> connections = Integer.parseInt(v);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (url == null || rate <= 0 || duration <= 0 || warmup < 0 || connections < 1) {
            usage("--url and a positive --rate are required");
        }
        String host = url.getHost();
        int port = url.getPort() < 0 ? 80 : url.getPort();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nUser-Agent: tapline-bench-constant-rate\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        Run run = new Run(new InetSocketAddress(host, port), request, rate, warmup, duration, connections);
        run.execute();
        run.report();
    }

    private static double seconds(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("ms")) {
            return Double.parseDouble(s.substring(0, s.length() - 2)) / 1000;
        }
        if (s.endsWith("s")) {
            return Double.parseDouble(s.substring(0, s.length() - 1));
        }
        if (s.endsWith("m")) {
            return Double.parseDouble(s.substring(0, s.length() - 1)) * 60;
        }
        return Double.parseDouble(s);
    }

    private static String usage(String why) {
        System.err.println("ConstantRate: " + why);
        System.err.println("usage: java ConstantRate.java --url http://host:port/path --rate REQ_PER_S "
                + "[--duration 15s] [--warmup 5s] [--connections 64]");
        System.exit(2);
        return null;
    }

    /** One measurement: the connections, the pacer and the reader. */
    private static final class Run {
        private final InetSocketAddress address;
        private final byte[] request;
        private final double rate;
        private final double duration;
        private final Conn[] conns;
        private final Selector selector;
        private final long begin;
        private final long measureFrom;
        private final long end;
        private final long interval;
        private volatile boolean pacerDone;
        // reader thread only
        private long[] latency = new long[1 << 16];
        private long[] service = new long[1 << 16];
        private int count;
        private long completed;
        private long errors;
        private long non2xx;
        private long lateSends;

        Run(InetSocketAddress address, byte[] request, double rate, double warmup, double duration, int n)
                throws IOException {
            this.address = address;
            this.request = request;
            this.rate = rate;
            this.duration = duration;
            this.selector = Selector.open();
            this.conns = new Conn[n];
            for (int i = 0; i < n; i++) {
                conns[i] = new Conn();
                connect(conns[i]);
            }
            this.interval = Math.max(1, Math.round(1e9 / rate));
            this.begin = System.nanoTime() + 100_000_000L;
            this.measureFrom = begin + (long) (warmup * 1e9);
            this.end = measureFrom + (long) (duration * 1e9);
        }

        private void connect(Conn c) throws IOException {
            SocketChannel ch = SocketChannel.open();
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.connect(address);
            ch.configureBlocking(false);
            synchronized (c) {
                c.channel = ch;
                c.resetParse();
            }
            ch.register(selector, SelectionKey.OP_READ, c);
        }

        void execute() throws Exception {
            Thread pacer = new Thread(this::pace, "pacer");
            pacer.setDaemon(true);
            pacer.start();
            read();
            pacer.join();
            for (Conn c : conns) {
                c.channel.close();
            }
            selector.close();
        }

        /** Sleeps until each request is due, then sends it, or marks it owed if its connection is busy. */
        private void pace() {
            try {
                for (long j = 0; ; j++) {
                    long due = begin + j * interval;
                    if (due - end >= 0 || System.nanoTime() - end > GRACE_NANOS) {
                        break;
                    }
                    for (long now = System.nanoTime(); now - due < 0; now = System.nanoTime()) {
                        LockSupport.parkNanos(due - now);
                    }
                    Conn c = conns[(int) (j % conns.length)];
                    synchronized (c) {
                        if (c.inFlight) {
                            c.owed.add(due);
                        } else {
                            send(c, due);
                        }
                    }
                }
            } finally {
                pacerDone = true;
                selector.wakeup();
            }
        }

        /** Called with the connection's lock held. */
        private void send(Conn c, long due) {
            long now = System.nanoTime();
            if (now - due > 1_000_000) {
                c.lateSends++; // left more than 1 ms after it was due
            }
            c.inFlight = true;
            c.due = due;
            c.sent = now;
            try {
                ByteBuffer out = ByteBuffer.wrap(request);
                while (out.hasRemaining()) {
                    if (c.channel.write(out) == 0) {
                        Thread.onSpinWait();
                    }
                }
            } catch (IOException e) {
                c.broken = true; // the reader sees the error on the next read and reconnects
                selector.wakeup();
            }
        }

        /** Waits for responses; records each one and sends the connection's next owed request. */
        private void read() throws IOException {
            while (true) {
                if (pacerDone && idle()) {
                    break;
                }
                if (System.nanoTime() - end > GRACE_NANOS) {
                    break;
                }
                selector.select(10);
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    readable((Conn) key.attachment(), key);
                }
                for (Conn c : conns) {
                    if (c.broken) {
                        fail(c, null);
                    }
                }
            }
            for (Conn c : conns) {
                lateSends += c.lateSends;
                errors += c.owed.size() + (c.inFlight ? 1 : 0); // never answered within the grace period
            }
        }

        private boolean idle() {
            for (Conn c : conns) {
                synchronized (c) {
                    if (c.inFlight || !c.owed.isEmpty()) {
                        return false;
                    }
                }
            }
            return true;
        }

        private void readable(Conn c, SelectionKey key) {
            int n;
            try {
                n = c.channel.read(c.in);
            } catch (IOException e) {
                fail(c, key);
                return;
            }
            if (n < 0) {
                fail(c, key);
                return;
            }
            while (true) {
                int status = c.parse();
                if (status == 0) {
                    break;
                }
                long now = System.nanoTime();
                completed++;
                if (status < 200 || status > 299) {
                    non2xx++;
                }
                synchronized (c) {
                    if (!c.inFlight) {
                        errors++; // an unsolicited response: nothing to match it with
                        continue;
                    }
                    if (c.due - measureFrom >= 0) {
                        record(now - c.due, now - c.sent);
                    }
                    c.inFlight = false;
                    if (c.closeAfter) {
                        fail(c, key); // the server closes after this response: reconnect, keep the owed
                        return;
                    }
                    Long owed = c.owed.poll();
                    if (owed != null) {
                        send(c, owed);
                    }
                }
            }
        }

        /** The connection broke: its in-flight request is an error; reconnect and carry on with what is owed. */
        private void fail(Conn c, SelectionKey key) {
            synchronized (c) {
                if (c.inFlight) {
                    errors++;
                    c.inFlight = false;
                }
                c.broken = false;
                c.closeAfter = false;
                try {
                    c.channel.close();
                } catch (IOException ignored) {
                    // reconnecting anyway
                }
            }
            if (key != null) {
                key.cancel();
            }
            try {
                connect(c);
            } catch (IOException e) {
                throw new IllegalStateException("cannot reconnect to " + address + ": " + e.getMessage(), e);
            }
            synchronized (c) {
                Long owed = c.owed.poll();
                if (owed != null) {
                    send(c, owed);
                }
            }
        }

        private void record(long latencyNanos, long serviceNanos) {
            if (count == latency.length) {
                latency = Arrays.copyOf(latency, count * 2);
                service = Arrays.copyOf(service, count * 2);
            }
            latency[count] = latencyNanos;
            service[count] = serviceNanos;
            count++;
        }

        void report() {
            long[] l = Arrays.copyOf(latency, count);
            long[] s = Arrays.copyOf(service, count);
            Arrays.sort(l);
            Arrays.sort(s);
            System.out.printf(Locale.ROOT, "RESULT target_rate=%.0f achieved_rate=%.0f requests=%d errors=%d "
                            + "non2xx=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f "
                            + "service_p50_ms=%.3f service_p99_ms=%.3f completed_total=%d late_sends=%d%n",
                    rate, count / duration, count, errors, non2xx, ms(l, 0.50), ms(l, 0.90), ms(l, 0.99),
                    ms(l, 0.999), ms(l, 1.0), ms(s, 0.50), ms(s, 0.99), completed, lateSends);
        }

        private static double ms(long[] sorted, double q) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }

    /** A keep-alive connection: at most one request in flight, the due times of the requests it owes. */
    private static final class Conn {
        final ArrayDeque<Long> owed = new ArrayDeque<>();
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        SocketChannel channel;
        boolean inFlight;
        boolean broken;
        boolean closeAfter;
        long due;
        long sent;
        long lateSends;
        // parse state (reader thread only)
        private long bodyLeft = -1;
        private int status;

        void resetParse() {
            in.clear();
            bodyLeft = -1;
        }

        /**
         * Consumes one complete response from {@link #in} (in write mode) and returns its status, or 0 when the
         * bytes so far do not complete one. Handles Content-Length bodies (what nginx and Tapline send here).
         */
        int parse() {
            in.flip();
            try {
                if (bodyLeft < 0) {
                    int headEnd = headEnd();
                    if (headEnd < 0) {
                        return 0;
                    }
                    boolean delimited = head(in.array(), in.position(), headEnd);
                    in.position(headEnd + 4);
                    if (!delimited) {
                        throw new IllegalStateException("response without Content-Length");
                    }
                }
                int take = (int) Math.min(bodyLeft, in.remaining());
                in.position(in.position() + take);
                bodyLeft -= take;
                if (bodyLeft > 0) {
                    return 0;
                }
                bodyLeft = -1;
                return status;
            } finally {
                in.compact();
            }
        }

        /**
         * Reads the status line and the headers that matter here, straight from the bytes (no strings: the load
         * generator must stay cheap); returns whether the body's end is known.
         */
        private boolean head(byte[] a, int from, int to) {
            int eol = indexOfCrlf(a, from, to);
            if (eol - from < 12 || a[from + 8] != ' ') {
                throw new IllegalStateException("not an HTTP/1.x status line");
            }
            status = (a[from + 9] - '0') * 100 + (a[from + 10] - '0') * 10 + (a[from + 11] - '0');
            bodyLeft = 0;
            boolean delimited = status == 204 || status == 304;
            for (int ls = eol + 2; ls < to; ls = eol + 2) {
                eol = indexOfCrlf(a, ls, to);
                int colon = ls;
                while (colon < eol && a[colon] != ':') {
                    colon++;
                }
                int v = colon + 1;
                while (v < eol && (a[v] == ' ' || a[v] == '\t')) {
                    v++;
                }
                if (nameIs(a, ls, colon, "content-length")) {
                    long n = 0;
                    for (; v < eol && a[v] >= '0' && a[v] <= '9'; v++) {
                        n = n * 10 + (a[v] - '0');
                    }
                    bodyLeft = n;
                    delimited = true;
                } else if (nameIs(a, ls, colon, "transfer-encoding")) {
                    throw new IllegalStateException("chunked responses are not supported here");
                } else if (nameIs(a, ls, colon, "connection") && eol - v >= 5 && (a[v] | 0x20) == 'c') {
                    closeAfter = true;
                }
            }
            return delimited;
        }

        private static int indexOfCrlf(byte[] a, int from, int to) {
            for (int i = from; i + 1 < to + 2; i++) {
                if (a[i] == '\r' && a[i + 1] == '\n') {
                    return i;
                }
            }
            return to;
        }

        private static boolean nameIs(byte[] a, int from, int to, String name) {
            if (to - from != name.length()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                if ((a[from + i] | 0x20) != name.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private int headEnd() {
            byte[] a = in.array();
            for (int i = in.position(); i + 3 < in.limit(); i++) {
                if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
                    return i;
                }
            }
            if (in.remaining() == in.capacity()) {
                throw new IllegalStateException("response head larger than " + in.capacity() + " bytes");
            }
            return -1;
        }
    }
}
