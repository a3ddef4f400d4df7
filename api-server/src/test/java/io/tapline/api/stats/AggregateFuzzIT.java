package io.tapline.api.stats;

import io.tapline.embedded.EmbeddedElasticsearchExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.tapline.api.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and hostile parameter values against the four counting endpoints: every answer is a 200 or a 4xx in the
 * seed's error shape, never a 500, and a tenant's answer never names the other tenant's data.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AggregateFuzzIT {

    private static final List<String> PATHS = List.of(AggregateApi.STATS, AggregateApi.HISTOGRAM,
            AggregateApi.CONTAINERS, AggregateApi.SERVICES);
    private static final List<String> NAMES = List.of("top", "limit", "interval", "fromTimestamp", "toTimestamp",
            "since", "until", "level", "minLevel", "kind", "method", "source", "query", "projectId", "containerId",
            "serviceName", "offset", "cursor", "format");
    private static final List<String> VALUES = List.of("", " ", "0", "-1", "1", "100", "1000", "1001",
            "9223372036854775807", "9223372036854775808", "99999999999999999999", "1e3", "0x10", "1m", "1s", "0s",
            "365d", "366d", "1h", "auto", "AUTO", "5w", "2024-06-12T14:33:54Z", "2024-13-40T99:99:99Z",
            "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "error", "warn,error", "info,,debug", "critical",
            "request", "edge", "GET", "G E T", "*", "?", "\\", "\"", "'", "{\"match_all\":{}}", "a:b OR c:*",
            "(((((", "ñandú", "日本語", "\u0000", "\u202e", "😀", "aggb_secret", "cnt_b_hidden", "svc-b-payroll",
            "x".repeat(600), "timeout refused checkout invoice ".repeat(40));

    private AggregateApi fixture;

    @BeforeAll
    void start(URI es) {
        fixture = AggregateApi.start(es);
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void randomAndHostileParametersGetA200OrASeedShaped4xxAndNeverLeak() {
        Random random = new Random(20250514L);
        for (int i = 0; i < 240; i++) {
            String path = PATHS.get(i % PATHS.size());
            StringBuilder query = new StringBuilder();
            int count = 1 + random.nextInt(3);
            for (int p = 0; p < count; p++) {
                query.append(p == 0 ? "?" : "&").append(NAMES.get(random.nextInt(NAMES.size()))).append('=')
                        .append(URLEncoder.encode(VALUES.get(random.nextInt(VALUES.size())), StandardCharsets.UTF_8));
            }
            boolean asTenant = random.nextBoolean();
            HttpResponse<String> response = asTenant ? fixture.tenantA(path + query) : fixture.admin(path + query);
            String what = path + query;
            assertThat(response.statusCode()).as(what).isIn(200, 400, 403);
            Map<String, Object> body = json(response);
            if (response.statusCode() != 200) {
                assertThat(body.keySet()).as(what).containsExactly("statusCode", "error", "message");
                assertThat(((String) body.get("message")).length()).as(what).isLessThan(400);
            }
            if (asTenant && response.statusCode() == 200) {
                for (String secret : AggregateDataset.B_ONLY_NAMES) {
                    assertThat(response.body()).as(what).doesNotContain(secret);
                }
            }
        }
    }
}
