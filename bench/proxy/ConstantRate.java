import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop, constant-rate HTTP/1.1 load generator for bench/proxy/run.sh (Debian's wrk has no -R).
 *
 * <p>Each of {@code --connections} keep-alive connections owns a fixed schedule: request k of connection i is due at
 * {@code start + i * (1/rate) + k * (connections/rate)}, so the whole set sends {@code --rate} requests per second,
 * evenly spread. A connection sends one request at a time (no pipelining); when a response is late the next request
 * goes out as soon as it can, and its latency is still counted from the time it was <em>due</em> (coordinated
 * omission corrected, as wrk2 does). Latencies of requests due during the warm-up are discarded.
 *
 * <p>Run as a single source file: {@code java ConstantRate.java --url http://127.0.0.1:8080/x --rate 10000
 * --duration 15 --warmup 5 --connections 64}. Prints one line:
 * {@code RESULT target_rate=.. achieved_rate=.. requests=.. errors=.. non2xx=.. p50_ms=.. p90_ms=.. p99_ms=..
 * p999_ms=.. max_ms=.. service_p50_ms=.. service_p99_ms=.. completed_total=..}; {@code service_*} is measured from
 * the actual send instead; {@code completed_total} counts the warm-up's responses too.
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

        long interval = Math.round(1e9 / rate);          // between two requests of the whole set
        long period = interval * connections;            // between two requests of one connection
        long begin = System.nanoTime() + 200_000_000L;   // connect everything first
        long measureFrom = begin + (long) (warmup * 1e9);
        long end = measureFrom + (long) (duration * 1e9);

        List<Conn> conns = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            conns.add(new Conn(host, port, request, begin + i * interval, period, measureFrom, end));
        }
        List<Thread> threads = new ArrayList<>();
        for (Conn c : conns) {
            Thread t = new Thread(c, "conn-" + threads.size());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }

        long total = 0;
        long errors = 0;
        long non2xx = 0;
        long completed = 0;
        for (Conn c : conns) {
            completed += c.completed;
            total += c.count;
            errors += c.errors;
            non2xx += c.non2xx;
        }
        long[] latency = new long[(int) total];
        long[] service = new long[(int) total];
        int at = 0;
        for (Conn c : conns) {
            System.arraycopy(c.latency, 0, latency, at, c.count);
            System.arraycopy(c.service, 0, service, at, c.count);
            at += c.count;
        }
        Arrays.sort(latency);
        Arrays.sort(service);
        System.out.printf(Locale.ROOT, "RESULT target_rate=%.0f achieved_rate=%.0f requests=%d errors=%d non2xx=%d "
                        + "p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f service_p50_ms=%.3f "
                        + "service_p99_ms=%.3f completed_total=%d%n",
                rate, total / duration, total, errors, non2xx, ms(latency, 0.50), ms(latency, 0.90),
                ms(latency, 0.99), ms(latency, 0.999), ms(latency, 1.0), ms(service, 0.50), ms(service, 0.99), completed);
    }

    private static double ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
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

    /** One keep-alive connection with its own schedule, run by its own (mostly parked) thread. */
    private static final class Conn implements Runnable {
        private final String host;
        private final int port;
        private final byte[] request;
        private final long first;
        private final long period;
        private final long measureFrom;
        private final long end;
        private final byte[] buf = new byte[64 * 1024];
        private int bufStart;
        private int bufEnd;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        long[] latency = new long[1024];
        long[] service = new long[1024];
        int count;
        long errors;
        long non2xx;
        long completed;

        Conn(String host, int port, byte[] request, long first, long period, long measureFrom, long end) {
            this.host = host;
            this.port = port;
            this.request = request;
            this.first = first;
            this.period = period;
            this.measureFrom = measureFrom;
            this.end = end;
        }

        @Override
        public void run() {
            try {
                for (long k = 0; ; k++) {
                    long due = first + k * period;
                    if (due >= end || System.nanoTime() - end > GRACE_NANOS) {
                        break;
                    }
                    for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                        LockSupport.parkNanos(due - now);
                    }
                    long sent = System.nanoTime();
                    int status;
                    try {
                        if (socket == null) {
                            connect();
                        }
                        out.write(request);
                        out.flush();
                        status = readResponse();
                    } catch (IOException e) {
                        errors++;
                        close();
                        continue;
                    }
                    long done = System.nanoTime();
                    completed++;
                    if (status < 200 || status > 299) {
                        non2xx++;
                    }
                    if (due >= measureFrom) {
                        record(done - due, done - sent);
                    }
                }
            } finally {
                close();
            }
        }

        private void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            bufStart = 0;
            bufEnd = 0;
        }

        private void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
                socket = null;
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

        /** Reads one response (Content-Length or chunked body) and returns its status. */
        private int readResponse() throws IOException {
            int headEnd = findHeadEnd();
            String head = new String(buf, bufStart, headEnd - bufStart, StandardCharsets.ISO_8859_1);
            bufStart = headEnd + 4;
            int sp = head.indexOf(' ');
            int status = Integer.parseInt(head.substring(sp + 1, sp + 4));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> close = value.contains("close");
                    default -> { }
                }
            }
            if (chunked) {
                while (true) {
                    String sizeLine = readLine();
                    int semi = sizeLine.indexOf(';');
                    long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                    if (size == 0) {
                        while (!readLine().isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    skip(size);
                    readLine();
                }
            } else if (length >= 0) {
                skip(length);
            } else if (status != 204 && status != 304) {
                throw new IOException("response without Content-Length or chunked encoding");
            }
            if (close) {
                close();
            }
            return status;
        }

        private int findHeadEnd() throws IOException {
            int scanFrom = bufStart;
            while (true) {
                for (int i = Math.max(scanFrom, bufStart); i + 3 < bufEnd; i++) {
                    if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                        return i;
                    }
                }
                scanFrom = Math.max(bufStart, bufEnd - 3);
                int before = bufStart;
                fill();
                scanFrom -= before - bufStart;
            }
        }

        private String readLine() throws IOException {
            while (true) {
                for (int i = bufStart; i + 1 < bufEnd; i++) {
                    if (buf[i] == '\r' && buf[i + 1] == '\n') {
                        String line = new String(buf, bufStart, i - bufStart, StandardCharsets.ISO_8859_1);
                        bufStart = i + 2;
                        return line;
                    }
                }
                fill();
            }
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                if (bufStart == bufEnd) {
                    fill();
                }
                int take = (int) Math.min(n, bufEnd - bufStart);
                bufStart += take;
                n -= take;
            }
        }

        /** Reads more bytes, compacting the buffer first; throws on EOF or a full buffer. */
        private void fill() throws IOException {
            if (bufStart > 0) {
                System.arraycopy(buf, bufStart, buf, 0, bufEnd - bufStart);
                bufEnd -= bufStart;
                bufStart = 0;
            }
            if (bufEnd == buf.length) {
                throw new IOException("response head larger than " + buf.length + " bytes");
            }
            int n = in.read(buf, bufEnd, buf.length - bufEnd);
            if (n < 0) {
                throw new IOException("connection closed by the server");
            }
            bufEnd += n;
        }
    }
}
