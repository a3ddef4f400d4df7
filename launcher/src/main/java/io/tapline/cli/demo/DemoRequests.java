package io.tapline.cli.demo;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The mix of requests the demo traffic sends: mostly reads from browsers and scripts, some writes carrying secrets
 * (so redaction shows), slow reports, crawlers, a scanner probing for injections, and paths no route serves.
 */
final class DemoRequests {
    static final String BEARER_PREFIX = "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkZW1vIn0.";
    static final String SQLMAP = "sqlmap/1.7.2#stable (https://sqlmap.org)";
    static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static final List<String> BROWSERS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 "
                    + "Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.4 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 "
                    + "Safari/537.36 Edg/124.0");
    private static final List<String> TOOLS = List.of("curl/8.5.0", "python-requests/2.31.0", "okhttp/4.12.0",
            "Go-http-client/1.1");
    private static final List<String> TERMS = List.of("shoes", "invoice", "refund policy", "api keys", "shipping",
            "dark mode", "gift card");
    private static final List<String> NAMES = List.of("ada", "alan", "grace", "linus", "margaret", "ken");
    private static final List<String> UNROUTED = List.of("/nope", "/.env", "/wp-login.php", "/admin", "/favicon.ico");

    /**
     * One request of the mix, relative to the base URL it will be sent to.
     *
     * @param pathAndQuery raw path and query, sent as is (no dot-segment normalisation)
     * @param body         the body, or null for none
     */
    record Request(String method, String pathAndQuery, Map<String, String> headers, String body) {
        HttpRequest toHttpRequest(URI base, Duration timeout) {
            String root = base.toString().replaceAll("/+$", "");
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(root + pathAndQuery)).timeout(timeout)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(builder::header);
            return builder.build();
        }
    }

    private record Weighted(int weight, Supplier<Request> make) {
    }

    private final RandomGenerator random;
    private final List<Weighted> mix = new ArrayList<>();
    private final int totalWeight;

    DemoRequests(RandomGenerator random) {
        this.random = random;
        add(12, () -> get("/users", browser(), "application/json"));
        add(12, () -> get("/users/" + between(1, 8), pick(TOOLS), "application/json"));
        add(5, this::createUser);
        add(7, () -> get("/billing/invoices?status=open&token=tk_" + hex(), pick(TOOLS), "application/json"));
        add(5, () -> get("/billing/invoices/inv_100" + between(1, 5), browser(), "application/json"));
        add(5, this::charge);
        add(3, () -> get("/billing/reports/monthly", browser(), "application/json"));
        add(12, () -> get("/search?q=" + pick(TERMS).replace(' ', '+'), browser(), "text/plain"));
        add(2, () -> get("/search?q=" + pick(TERMS).replace(' ', '+'), GOOGLEBOT, "*/*"));
        add(1, () -> get("/search?q=%27%20OR%201%3D1--", SQLMAP, "*/*"));
        add(8, () -> get("/health", "kube-probe/1.29", "*/*"));
        add(3, this::upload);
        add(8, () -> withHeader(get("/static/app.js", browser(), "*/*"), "Accept-Encoding", "gzip, deflate, br"));
        add(1, () -> get("/users/../../etc/passwd", random.nextBoolean() ? SQLMAP : "curl/8.5.0", "*/*"));
        add(3, () -> get(pick(UNROUTED), pick(TOOLS), "*/*"));
        this.totalWeight = mix.stream().mapToInt(Weighted::weight).sum();
    }

    /** The next request, drawn by weight. */
    Request next() {
        int ticket = random.nextInt(totalWeight);
        for (Weighted w : mix) {
            ticket -= w.weight();
            if (ticket < 0) {
                return w.make().get();
            }
        }
        throw new AssertionError("weights add up to " + totalWeight);
    }

    private void add(int weight, Supplier<Request> make) {
        mix.add(new Weighted(weight, make));
    }

    private Request createUser() {
        String name = pick(NAMES);
        // now and then a client forgets the email and gets a 400
        String email = random.nextInt(10) == 0 ? "" : ",\"email\":\"" + name + between(1, 999) + "@example.com\"";
        String body = "{\"name\":\"" + name + "\"" + email + ",\"password\":\"hunter" + between(2, 99) + "!\"}";
        return authorized(post("/users", browser(), "application/json", body));
    }

    private Request charge() {
        String invoice = "inv_100" + between(1, 3);
        // mostly small amounts; one in five is declined (402), and invoice 1003 is already paid (409)
        long amount = random.nextInt(5) == 0 ? between(50_001, 250_000) : between(500, 20_000);
        String body = "{\"invoiceId\":\"" + invoice + "\",\"amountCents\":" + amount + ",\"currency\":\"EUR\","
                + "\"card_number\":\"4242424242424242\",\"cvv\":\"" + between(100, 999) + "\"}";
        return authorized(post("/billing/charges", pick(TOOLS), "application/json", body));
    }

    private Request upload() {
        StringBuilder csv = new StringBuilder("id,email,amount_cents\n");
        int rows = between(20, 600);
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(",customer").append(i).append("@example.com,").append(between(100, 99_999))
                    .append('\n');
        }
        return post("/upload", pick(TOOLS), "text/csv", csv.toString());
    }

    private Request authorized(Request r) {
        return withHeader(r, "Authorization", BEARER_PREFIX + hex());
    }

    private static Request get(String path, String userAgent, String accept) {
        return new Request("GET", path, Map.of("User-Agent", userAgent, "Accept", accept), null);
    }

    private static Request post(String path, String userAgent, String contentType, String body) {
        return new Request("POST", path, Map.of("User-Agent", userAgent, "Content-Type", contentType,
                "Accept", "application/json"), body);
    }

    private static Request withHeader(Request r, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        headers.put(name, value);
        return new Request(r.method(), r.pathAndQuery(), Map.copyOf(headers), r.body());
    }

    private String browser() {
        return pick(BROWSERS);
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    private String hex() {
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
