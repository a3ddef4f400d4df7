package io.tapline.cli.demo;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The traffic mix: what a newcomer should find in the logs after a minute of the demo. */
class DemoRequestsTest {
    private final List<DemoRequests.Request> sample =
            Stream.generate(new DemoRequests(new SplittableRandom(7))::next).limit(5000).toList();

    @Test
    void isMostlyReadsWithSomeWritesCarryingSecretsInBodiesHeadersAndQueries() {
        assertThat(sample.stream().filter(r -> r.method().equals("GET")).count()).isGreaterThan(3500);
        assertThat(sample).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.body()).contains("\"password\":");
            assertThat(r.headers().get("Authorization")).startsWith("Bearer ey");
        });
        assertThat(sample).anySatisfy(r -> assertThat(r.body()).contains("\"card_number\":", "\"cvv\":"));
        assertThat(sample).anySatisfy(r -> assertThat(r.pathAndQuery()).contains("?status=open&token=tk_"));
        assertThat(sample).anySatisfy(r -> assertThat(r.body()).startsWith("id,email,amount_cents\n")
                .hasSizeGreaterThan(DemoRoutes.MAX_BODY_BYTES));
    }

    @Test
    void comesFromBrowsersScriptsCrawlersAndAScanner() {
        List<String> agents = sample.stream().map(r -> r.headers().get("User-Agent")).distinct().toList();
        assertThat(agents).anyMatch(a -> a.contains("Chrome/")).anyMatch(a -> a.contains("Firefox/"))
                .anyMatch(a -> a.startsWith("curl/8.")).anyMatch(a -> a.startsWith("python-requests/"))
                .anyMatch(a -> a.contains("Googlebot")).anyMatch(a -> a.startsWith("sqlmap/"));
        assertThat(sample.stream().filter(r -> r.headers().get("User-Agent").startsWith("sqlmap/")).count())
                .as("the scanner shows up now and then, not all the time").isBetween(10L, 250L);
    }

    @Test
    void includesSuspiciousSlowAndUnroutedRequests() {
        assertThat(sample).extracting(DemoRequests.Request::pathAndQuery).contains("/users/../../etc/passwd",
                "/search?q=%27%20OR%201%3D1--", "/billing/reports/monthly", "/nope", "/health", "/static/app.js");
        assertThat(sample).filteredOn(r -> r.pathAndQuery().equals("/static/app.js"))
                .allSatisfy(r -> assertThat(r.headers().get("Accept-Encoding")).contains("gzip"));
    }

    @Test
    void everyRequestMatchesADemoRouteExceptThoseMeantToFindNone() {
        List<String> prefixes = DemoRoutes.ROUTES.stream().map(DemoRoutes.DemoRoute::pathPrefix).toList();
        for (DemoRequests.Request r : sample) {
            String path = r.pathAndQuery().replaceFirst("\\?.*", "");
            boolean routed = prefixes.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
            boolean meantToMiss = List.of("/nope", "/.env", "/wp-login.php", "/admin", "/favicon.ico").contains(path);
            assertThat(routed).as(path).isNotEqualTo(meantToMiss);
        }
    }

    @Test
    void becomesAnHttpRequestThatKeepsDotSegmentsAndHeaders() {
        DemoRequests.Request traversal = sample.stream()
                .filter(r -> r.pathAndQuery().contains("..")).findFirst().orElseThrow();
        HttpRequest request = traversal.toHttpRequest(URI.create("http://127.0.0.1:8080/"), Duration.ofSeconds(5));
        assertThat(request.uri().toString()).isEqualTo("http://127.0.0.1:8080/users/../../etc/passwd");
        assertThat(request.headers().firstValue("User-Agent")).isPresent();
        assertThat(request.timeout()).hasValue(Duration.ofSeconds(5));
    }
}
