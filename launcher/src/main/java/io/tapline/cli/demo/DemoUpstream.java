package io.tapline.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * A small loopback HTTP server that plays the services behind {@code tapline serve --demo}: users, billing (declined
 * and conflicting charges, a slow report), search (now and then down), health, upload and a gzipped script.
 */
public final class DemoUpstream implements AutoCloseable {
    /** Share of searches that fail with 500 "index unavailable". */
    static final double SEARCH_FAILURE_RATE = 0.05;
    /** Charges above this amount are declined with 402. */
    static final long DECLINE_ABOVE_CENTS = 50_000;
    /** The invoice that is already paid: charging it again is a 409. */
    static final String PAID_INVOICE = "inv_1003";
    private static final int MAX_JSON_BODY = 64 * 1024;
    private static final Pattern USER_ID = Pattern.compile("[1-5]");
    private static final Pattern INVOICE_ID = Pattern.compile("inv_100[1-3]");
    private static final Pattern JSON_STRING = Pattern.compile("\"%s\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern AMOUNT = Pattern.compile("\"amountCents\"\\s*:\\s*(\\d{1,15})");
    private static final String APP_JS = "(function(){\"use strict\";const api=\"/users\";"
            + "function load(){return fetch(api,{headers:{accept:\"application/json\"}}).then(r=>r.json());}"
            + "document.addEventListener(\"DOMContentLoaded\",()=>load().then(d=>console.log(d.total)));})();\n";

    private final HttpServer server;
    private final ExecutorService workers;
    private final byte[] appJsGzip = gzip(APP_JS.getBytes(StandardCharsets.UTF_8));
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger nextUserId = new AtomicInteger(100);
    private final AtomicInteger nextChargeId = new AtomicInteger(5000);

    private DemoUpstream(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Starts on a free loopback port with a small pool of daemon worker threads. */
    public static DemoUpstream start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo upstream", e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "demo-upstream-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        DemoUpstream upstream = new DemoUpstream(server, workers);
        server.createContext("/", upstream::serve);
        server.setExecutor(workers);
        server.start();
        return upstream;
    }

    /** Base URL without a path, e.g. {@code http://127.0.0.1:41234}: the form a routes file's upstream takes. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /** Requests received so far, whatever their outcome. */
    public long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(HttpExchange exchange) {
        requests.incrementAndGet();
        try (exchange) {
            handle(exchange, exchange.getRequestMethod().toUpperCase(Locale.ROOT), exchange.getRequestURI().getPath());
        } catch (IOException | RuntimeException e) {
            // the client went away or the server is closing: nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange ex, String method, String path) throws IOException, InterruptedException {
        if (path.equals("/users")) {
            switch (method) {
                case "GET" -> json(ex, 200, "{\"users\":[{\"id\":1,\"name\":\"Ada\",\"email\":\"ada@example.com\"},"
                        + "{\"id\":2,\"name\":\"Alan\",\"email\":\"alan@example.com\"}],\"total\":5,\"page\":1}");
                case "POST" -> createUser(ex);
                default -> notAllowed(ex, "GET, POST");
            }
        } else if (path.startsWith("/users/")) {
            String id = path.substring("/users/".length());
            if (!method.equals("GET")) {
                notAllowed(ex, "GET");
            } else if (USER_ID.matcher(id).matches()) {
                json(ex, 200, "{\"id\":" + id + ",\"name\":\"User " + id + "\",\"email\":\"user" + id
                        + "@example.com\",\"plan\":\"" + (id.equals("1") ? "pro" : "free") + "\"}");
            } else {
                json(ex, 404, "{\"error\":\"user_not_found\",\"message\":\"no user with this id\"}");
            }
        } else if (path.equals("/billing/invoices")) {
            json(ex, 200, "{\"invoices\":[{\"id\":\"inv_1001\",\"amountCents\":4900,\"status\":\"open\"},"
                    + "{\"id\":\"inv_1002\",\"amountCents\":12900,\"status\":\"open\"},"
                    + "{\"id\":\"" + PAID_INVOICE + "\",\"amountCents\":900,\"status\":\"paid\"}]}");
        } else if (path.startsWith("/billing/invoices/")) {
            String id = path.substring("/billing/invoices/".length());
            if (INVOICE_ID.matcher(id).matches()) {
                json(ex, 200, "{\"id\":\"" + id + "\",\"customerEmail\":\"billing@acme.test\",\"amountCents\":4900,"
                        + "\"status\":\"" + (id.equals(PAID_INVOICE) ? "paid" : "open") + "\"}");
            } else {
                json(ex, 404, "{\"error\":\"invoice_not_found\"}");
            }
        } else if (path.equals("/billing/charges")) {
            charge(ex, method);
        } else if (path.startsWith("/billing/reports")) {
            Thread.sleep(ThreadLocalRandom.current().nextInt(300, 1501));
            json(ex, 200, "{\"period\":\"last-30-days\",\"invoices\":42,\"revenueCents\":1874300,\"overdue\":3}");
        } else if (path.equals("/search")) {
            search(ex);
        } else if (path.equals("/health")) {
            ex.sendResponseHeaders(204, -1);
        } else if (path.equals("/upload")) {
            if (method.equals("POST") || method.equals("PUT")) {
                json(ex, 200, "{\"bytes\":" + countBytes(ex.getRequestBody()) + ",\"stored\":true}");
            } else {
                notAllowed(ex, "POST, PUT");
            }
        } else if (path.equals("/static/app.js")) {
            script(ex);
        } else {
            json(ex, 404, "{\"error\":\"not_found\",\"path\":\"" + path.replaceAll("[^A-Za-z0-9/._-]", "?") + "\"}");
        }
    }

    private void createUser(HttpExchange ex) throws IOException {
        String body = readJson(ex);
        String email = field(body, "email");
        if (email == null || !email.contains("@")) {
            json(ex, 400, "{\"error\":\"invalid_request\",\"message\":\"email is required\"}");
            return;
        }
        int id = nextUserId.incrementAndGet();
        ex.getResponseHeaders().set("Location", "/users/" + id);
        String safeEmail = email.replaceAll("[^A-Za-z0-9@._+-]", "");
        json(ex, 201, "{\"id\":" + id + ",\"email\":\"" + safeEmail + "\",\"token\":\"tok_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "\",\"created\":true}");
    }

    private void charge(HttpExchange ex, String method) throws IOException {
        if (!method.equals("POST")) {
            notAllowed(ex, "POST");
            return;
        }
        String body = readJson(ex);
        Matcher amount = AMOUNT.matcher(body);
        String invoice = field(body, "invoiceId");
        if (!amount.find() || invoice == null) {
            json(ex, 400, "{\"error\":\"invalid_request\",\"message\":\"invoiceId and amountCents are required\"}");
        } else if (Long.parseLong(amount.group(1)) > DECLINE_ABOVE_CENTS) {
            json(ex, 402, "{\"error\":\"card_declined\",\"message\":\"insufficient funds\"}");
        } else if (invoice.equals(PAID_INVOICE)) {
            json(ex, 409, "{\"error\":\"already_paid\",\"invoiceId\":\"" + PAID_INVOICE + "\"}");
        } else {
            json(ex, 201, "{\"chargeId\":\"ch_" + nextChargeId.incrementAndGet() + "\",\"status\":\"succeeded\"}");
        }
    }

    private void search(HttpExchange ex) throws IOException {
        String q = queryParam(ex.getRequestURI().getRawQuery(), "q");
        if (q == null || q.isBlank()) {
            text(ex, 400, "missing query parameter q\n");
        } else if (q.contains("'") || q.contains(";") || q.contains("--")) {
            text(ex, 400, "invalid query syntax\n");
        } else if (ThreadLocalRandom.current().nextDouble() < SEARCH_FAILURE_RATE) {
            text(ex, 500, "index unavailable\n");
        } else {
            String term = q.strip().replaceAll("[^\\p{L}\\p{N} ]", "");
            text(ex, 200, "3 results for \"" + term + "\"\n1. " + term + " - getting started\n2. " + term
                    + " pricing\n3. troubleshooting " + term + "\n");
        }
    }

    private void script(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/javascript; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "public, max-age=300");
        ex.getResponseHeaders().set("Vary", "Accept-Encoding");
        String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
        byte[] body = APP_JS.getBytes(StandardCharsets.UTF_8);
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("gzip")) {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            body = appJsGzip;
        }
        send(ex, 200, body);
    }

    private static void notAllowed(HttpExchange ex, String allow) throws IOException {
        ex.getResponseHeaders().set("Allow", allow);
        json(ex, 405, "{\"error\":\"method_not_allowed\"}");
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        send(ex, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void text(HttpExchange ex, int status, String body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        send(ex, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String readJson(HttpExchange ex) throws IOException {
        byte[] bytes = ex.getRequestBody().readNBytes(MAX_JSON_BODY);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static long countBytes(InputStream in) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
        }
        return total;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile(String.format(JSON_STRING.pattern(), Pattern.quote(name))).matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static String queryParam(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return pair.substring(eq + 1);
                }
            }
        }
        return null;
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
