package io.tapline.cli.demo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo services over a real loopback socket, one documented path at a time. */
class DemoUpstreamTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static DemoUpstream upstream;

    @BeforeAll
    static void start() {
        upstream = DemoUpstream.start();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @Test
    void listensOnLoopbackAndItsUriHasNoPathSoThatItFitsARoutesFile() {
        URI uri = upstream.uri();
        assertThat(uri.getScheme()).isEqualTo("http");
        assertThat(uri.getHost()).isEqualTo("127.0.0.1");
        assertThat(uri.getPort()).isPositive();
        assertThat(uri.getRawPath()).isEmpty();
    }

    @Test
    void usersAreListedAndFoundByIdAndUnknownIdsAre404() throws Exception {
        HttpResponse<String> list = send("GET", "/users", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(list.body()).contains("\"users\":[", "\"email\":\"ada@example.com\"");

        HttpResponse<String> one = send("GET", "/users/3", null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("\"id\":3", "\"email\":\"user3@example.com\"");

        assertThat(send("GET", "/users/42", null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/users/3", null).statusCode()).isEqualTo(405);
    }

    @Test
    void creatingAUserIs201WithATokenAndAMissingEmailIs400() throws Exception {
        HttpResponse<String> created = send("POST", "/users",
                "{\"name\":\"grace\",\"email\":\"grace@example.com\",\"password\":\"hunter2\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location").orElseThrow()).startsWith("/users/");
        assertThat(created.body()).contains("\"email\":\"grace@example.com\"", "\"token\":\"tok_");

        assertThat(send("POST", "/users", "{\"name\":\"grace\",\"password\":\"x\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void billingListsInvoicesAndAnswersChargesWith201Or402Or409() throws Exception {
        assertThat(send("GET", "/billing/invoices", null).body()).contains("\"id\":\"inv_1001\"");
        assertThat(send("GET", "/billing/invoices/inv_1002", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/billing/invoices/inv_9999", null).statusCode()).isEqualTo(404);

        String card = ",\"card_number\":\"4242424242424242\",\"cvv\":\"123\"}";
        HttpResponse<String> ok = send("POST", "/billing/charges",
                "{\"invoiceId\":\"inv_1001\",\"amountCents\":4900" + card);
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(ok.body()).contains("\"status\":\"succeeded\"");
        HttpResponse<String> declined = send("POST", "/billing/charges",
                "{\"invoiceId\":\"inv_1001\",\"amountCents\":90000" + card);
        assertThat(declined.statusCode()).isEqualTo(402);
        assertThat(declined.body()).contains("card_declined");
        assertThat(send("POST", "/billing/charges", "{\"invoiceId\":\"inv_1003\",\"amountCents\":900" + card)
                .statusCode()).isEqualTo(409);
        assertThat(send("GET", "/billing/charges", null).statusCode()).isEqualTo(405);
    }

    @Test
    void billingReportsAreSlowButAnswer() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> report = send("GET", "/billing/reports/monthly", null);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("\"revenueCents\"");
        assertThat(millis).isBetween(300L, 3000L);
    }

    @Test
    void searchAnswersPlainTextAndNowAndThenFailsWith500IndexUnavailable() throws Exception {
        Set<Integer> statuses = new HashSet<>();
        for (int i = 0; i < 600 && !statuses.containsAll(Set.of(200, 500)); i++) {
            HttpResponse<String> r = send("GET", "/search?q=gift+card", null);
            statuses.add(r.statusCode());
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(r.body()).satisfiesAnyOf(
                    b -> assertThat(b).startsWith("3 results for \"gift card\""),
                    b -> assertThat(b).isEqualTo("index unavailable\n"));
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 500);
    }

    @Test
    void searchRejectsAMissingQueryAndInjectionAttemptsWith400() throws Exception {
        assertThat(send("GET", "/search", null).statusCode()).isEqualTo(400);
        HttpResponse<String> injection = send("GET", "/search?q=%27%20OR%201%3D1--", null);
        assertThat(injection.statusCode()).isEqualTo(400);
        assertThat(injection.body()).contains("invalid query");
    }

    @Test
    void healthIs204WithoutABody() throws Exception {
        HttpResponse<String> health = send("GET", "/health", null);
        assertThat(health.statusCode()).isEqualTo(204);
        assertThat(health.body()).isEmpty();
    }

    @Test
    void uploadAnswersWithTheSizeOfTheBodyItReceived() throws Exception {
        String body = "id,email\n" + "1,someone@example.com\n".repeat(10_000);
        HttpResponse<String> upload = send("POST", "/upload", body);
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(upload.body()).contains("\"bytes\":" + body.length());
        assertThat(send("GET", "/upload", null).statusCode()).isEqualTo(405);
    }

    @Test
    void theScriptIsGzippedForClientsThatAcceptGzipAndPlainForOthers() throws Exception {
        HttpRequest gzipped = request("GET", "/static/app.js", null).header("Accept-Encoding", "gzip").build();
        HttpResponse<byte[]> zipped = HTTP.send(gzipped, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(zipped.headers().firstValue("Content-Type")).hasValue("application/javascript; charset=utf-8");
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String script = gunzip(zipped.body());
        assertThat(script).contains("function load()");

        HttpResponse<String> plain = send("GET", "/static/app.js", null);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body()).isEqualTo(script);
        assertThat(send("GET", "/static/missing.css", null).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownAndTraversalPathsAre404AndEveryRequestIsCounted() throws Exception {
        long before = upstream.requests();
        HttpResponse<String> nope = send("GET", "/nope", null);
        assertThat(nope.statusCode()).isEqualTo(404);
        assertThat(nope.headers().firstValue("Content-Type")).hasValue("application/json");
        // the dot segments reach the users service as sent: nothing normalises them on the way
        HttpResponse<String> traversal = send("GET", "/users/../../etc/passwd", null);
        assertThat(traversal.statusCode()).isEqualTo(404);
        assertThat(traversal.body()).contains("user_not_found");
        assertThat(upstream.requests()).isGreaterThanOrEqualTo(before + 2);
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String body)
            throws IOException, InterruptedException {
        return HTTP.send(request(method, pathAndQuery, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String method, String pathAndQuery, String body) {
        return HttpRequest.newBuilder(URI.create(upstream.uri() + pathAndQuery)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
