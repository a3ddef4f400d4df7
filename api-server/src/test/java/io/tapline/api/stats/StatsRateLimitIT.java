package io.tapline.api.stats;

import io.tapline.api.limit.EndpointGroup;
import io.tapline.api.limit.RateLimit;
import io.tapline.api.limit.RateLimitConfig;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static io.tapline.api.RunningApi.errorBody;
import static io.tapline.api.RunningApi.json;
import static io.tapline.api.stats.AggregateApi.CONTAINERS;
import static io.tapline.api.stats.AggregateApi.HISTOGRAM;
import static io.tapline.api.stats.AggregateApi.SERVICES;
import static io.tapline.api.stats.AggregateApi.STATS;
import static org.assertj.core.api.Assertions.assertThat;

/** The four counting endpoints share the principal's {@code stats} bucket, apart from the search's. */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsRateLimitIT {

    private AggregateApi fixture;

    @BeforeAll
    void start(URI es) {
        fixture = AggregateApi.start(es, RateLimitConfig.defaults()
                .with(EndpointGroup.STATS, new RateLimit(4, Duration.ofSeconds(10))));
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void aBurstOverTheStatsLimitAcrossTheFourEndpointsGets429WithAllFourHeadersUntilTheResetTime() throws Exception {
        List<String> paths = List.of(STATS, HISTOGRAM, CONTAINERS, SERVICES);
        // warm Elasticsearch up with another principal, so that the burst fits well inside one 10 s period
        paths.forEach(path -> assertThat(fixture.admin(path).statusCode()).isEqualTo(200));
        for (int i = 0; i < paths.size(); i++) {
            HttpResponse<String> ok = fixture.tenantA(paths.get(i));
            assertThat(ok.statusCode()).as(paths.get(i)).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("4");
            assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(3 - i));
            assertThat(ok.headers().firstValue("X-RateLimit-Reset")).isPresent();
            assertThat(ok.headers().firstValue("Retry-After")).isEmpty();
        }
        for (String path : paths) {
            HttpResponse<String> limited = fixture.tenantA(path);
            assertThat(limited.statusCode()).as(path).isEqualTo(429);
            assertThat(json(limited)).isEqualTo(errorBody(429, "Too Many Requests", "Rate limit exceeded for log stats"));
            for (String header : List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After")) {
                assertThat(limited.headers().firstValue(header)).as(path + " " + header).isPresent();
            }
            assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        }
        // the search and another principal have buckets of their own
        assertThat(fixture.tenantA("/api/proxy-logs/_logs?limit=1").statusCode()).isEqualTo(200);
        assertThat(fixture.tenantB(STATS).statusCode()).isEqualTo(200);

        HttpResponse<String> limited = fixture.tenantA(STATS);
        long reset = Long.parseLong(limited.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        while (System.currentTimeMillis() < reset * 1000) {
            Thread.sleep(50);
        }
        HttpResponse<String> again = fixture.tenantA(HISTOGRAM);
        assertThat(again.statusCode()).isEqualTo(200);
    }
}
