package io.tapline.api.histogram;

import io.tapline.api.stats.AggregateApi;
import io.tapline.api.stats.AggregateDataset;
import io.tapline.api.stats.DirectCounts;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import static io.tapline.api.stats.AggregateApi.HISTOGRAM;
import static io.tapline.api.stats.AggregateApi.badRequest;
import static io.tapline.api.stats.AggregateApi.ok;
import static io.tapline.api.stats.AggregateDataset.END;
import static io.tapline.api.stats.AggregateDataset.HOUR;
import static io.tapline.api.stats.AggregateDataset.START;
import static io.tapline.api.stats.AggregateDataset.TENANT_A;
import static io.tapline.api.stats.AggregateDataset.ranked;
import static io.tapline.api.stats.AggregateDataset.window;
import static io.tapline.api.stats.DirectCounts.where;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /_logs/histogram} over real HTTP on the embedded node: its shape, and every bucket's count equal to a
 * count sent straight to Elasticsearch for the bucket's time range and to the records counted in Java.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistogramIT {

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
    void answersWithTheIntervalTheRangeTheTotalAndOneBucketPerIntervalOldestFirst() {
        Map<String, Object> body = ok(fixture.admin(HISTOGRAM + "?" + window() + "&interval=1h"));

        assertThat(body.keySet()).containsExactly("interval", "intervalMs", "fromTimestamp", "toTimestamp", "total",
                "buckets");
        assertThat(body).containsEntry("interval", "1h").containsEntry("intervalMs", 3_600_000);
        assertThat(number(body.get("fromTimestamp"))).isEqualTo(START);
        assertThat(number(body.get("toTimestamp"))).isEqualTo(END);
        List<Map<String, Object>> buckets = buckets(body);
        assertThat(buckets).hasSize(36);
        assertThat(buckets.get(0).keySet()).containsExactly("tsMs", "tsIso", "count", "byLevel");
        assertThat(buckets.get(0)).containsEntry("tsIso", "2025-05-14T00:00:00.000Z");
        assertThat(buckets.get(35)).containsEntry("tsIso", "2025-05-15T11:00:00.000Z");
        for (int i = 0; i < buckets.size(); i++) {
            assertThat(number(buckets.get(i).get("tsMs"))).isEqualTo(START + i * HOUR);
        }
    }

    /** One filter combination: the request's parameters, the same selection in raw JSON and in Java. */
    private record Case(String name, Function<String, HttpResponse<String>> caller, String params,
                        DirectCounts.Where where, Predicate<LogRecord> java) {
    }

    @Test
    void everyBucketCountsExactlyWhatElasticsearchCountsInItsTimeRange() {
        long from = START + 90 * 60_000L + 17; // not on a bucket boundary: the first bucket is partly outside
        long to = START + 29 * HOUR + 5;
        List<Case> cases = List.of(
                new Case("admin, every record, 1h", fixture::admin, window() + "&interval=1h",
                        where(), r -> true),
                new Case("tenant A, errors and worse, 2h, unaligned range", fixture::tenantA,
                        "minLevel=error&interval=2h&fromTimestamp=" + from + "&toTimestamp=" + to,
                        where().terms("tapline.project_id", TENANT_A).terms("log.level", List.of("error", "critical")),
                        r -> AggregateDataset.ofTenantA(r) && r.level().atLeast(Level.ERROR)),
                new Case("admin, a shared container's events, 90m", fixture::admin,
                        window() + "&containerId=cnt_shared&kind=event&interval=90m",
                        where().term("container.id", "cnt_shared").term("tapline.kind", "event"),
                        r -> "cnt_shared".equals(r.containerId()) && r.kind() == Kind.EVENT),
                new Case("tenant B, full text, auto", fixture::tenantB, window() + "&query=refused",
                        where().term("tapline.project_id", AggregateDataset.B_PROJECT).words("refused"),
                        r -> r.projectId().equals(AggregateDataset.B_PROJECT) && r.url().contains("refused")));
        for (Case c : cases) {
            Map<String, Object> body = ok(c.caller().apply(HISTOGRAM + "?" + c.params()));
            long rangeFrom = number(body.get("fromTimestamp"));
            long rangeTo = number(body.get("toTimestamp"));
            long width = number(body.get("intervalMs"));
            List<LogRecord> inRange = fixture.data.matching(c.java().and(r -> r.tsMs() >= rangeFrom && r.tsMs() < rangeTo));
            assertThat(inRange).as("the dataset must exercise " + c.name()).isNotEmpty();
            assertThat(number(body.get("total"))).as(c.name() + ": total")
                    .isEqualTo(fixture.direct.count(c.where().copy().between(rangeFrom, rangeTo)))
                    .isEqualTo(inRange.size());
            long sum = 0;
            for (Map<String, Object> bucket : buckets(body)) {
                long start = number(bucket.get("tsMs"));
                long bucketFrom = Math.max(start, rangeFrom);
                long bucketTo = Math.min(start + width, rangeTo);
                List<LogRecord> in = inRange.stream().filter(r -> r.tsMs() >= bucketFrom && r.tsMs() < bucketTo).toList();
                long count = number(bucket.get("count"));
                assertThat(count).as(c.name() + ": bucket " + bucket.get("tsIso"))
                        .isEqualTo(fixture.direct.count(c.where().copy().between(bucketFrom, bucketTo)))
                        .isEqualTo(in.size());
                assertThat(longs(bucket.get("byLevel"))).as(c.name() + ": levels of " + bucket.get("tsIso"))
                        .isEqualTo(ranked(in, r -> r.level().wireName()));
                sum += count;
            }
            assertThat(sum).as(c.name() + ": buckets add up to the total").isEqualTo(number(body.get("total")));
        }
    }

    @Test
    void withoutAnIntervalTheWidthFitsTheRange() {
        Map<String, Object> body = ok(fixture.tenantA(HISTOGRAM + "?" + window()));

        assertThat(body).containsEntry("interval", "30m");
        assertThat(buckets(body)).hasSize(72);
        assertThat(ok(fixture.tenantA(HISTOGRAM + "?" + window() + "&interval=auto"))).isEqualTo(body);
    }

    @Test
    void withoutARangeItCoversTheDayBeforeNow() {
        long before = System.currentTimeMillis();
        Map<String, Object> body = ok(fixture.admin(HISTOGRAM));
        long after = System.currentTimeMillis();

        long to = number(body.get("toTimestamp"));
        assertThat(to).isBetween(before, after);
        assertThat(number(body.get("fromTimestamp"))).isEqualTo(to - 24 * HOUR);
        assertThat(body).containsEntry("interval", "15m");
        assertThat(buckets(body).size()).isBetween(96, 97);
        assertThat(number(body.get("total"))).isEqualTo(fixture.direct.count(where().between(to - 24 * HOUR, to)));
    }

    @Test
    void onlyAStartRunsToNowAndOnlyAnEndLooksBackADay() {
        Map<String, Object> fromOnly = ok(fixture.tenantA(HISTOGRAM + "?fromTimestamp=" + START));
        assertThat(number(fromOnly.get("toTimestamp"))).isGreaterThan(END);
        assertThat(number(fromOnly.get("total"))).isEqualTo(fixture.data.matching(AggregateDataset::ofTenantA).size());

        Map<String, Object> toOnly = ok(fixture.tenantA(HISTOGRAM + "?toTimestamp=" + END));
        assertThat(number(toOnly.get("fromTimestamp"))).isEqualTo(END - 24 * HOUR);
    }

    @Test
    void badIntervalsInvertedOrEmptyRangesAndTooManyBucketsAreA400WithTheSeedErrorBody() {
        String rule = "interval must be auto, or a whole number of s, m, h or d between 1s and 365d, "
                + "such as 30s, 5m, 1h or 1d";
        for (String bad : List.of("5w", "0m", "5M", "1.5h", "-1h", "366d", "99999999d", "", "1h%20")) {
            assertThat(badRequest(fixture.tenantA(HISTOGRAM + "?" + window() + "&interval=" + bad))).as(bad)
                    .isEqualTo(rule);
        }
        assertThat(badRequest(fixture.tenantA(HISTOGRAM + "?fromTimestamp=" + END + "&toTimestamp=" + START)))
                .isEqualTo("fromTimestamp must not be after toTimestamp");
        assertThat(badRequest(fixture.tenantA(HISTOGRAM + "?fromTimestamp=" + START + "&toTimestamp=" + START)))
                .startsWith("the histogram's time range is empty");
        assertThat(badRequest(fixture.tenantA(HISTOGRAM + "?fromTimestamp=253402300799000")))
                .startsWith("the histogram's time range is empty");
        assertThat(badRequest(fixture.tenantA(HISTOGRAM + "?" + window() + "&interval=1s")))
                .isEqualTo("interval 1s splits the time range into 129600 buckets; at most 2000 are allowed: "
                        + "use a longer interval or a shorter range");
        assertThat(badRequest(fixture.admin(HISTOGRAM + "?fromTimestamp=0&toTimestamp=253402300799999&interval=1d")))
                .startsWith("interval 1d splits the time range into 2932897 buckets");
        assertThat(badRequest(fixture.admin(HISTOGRAM + "?interval=1m&interval=1h")))
                .isEqualTo("interval must be given at most once");
        assertThat(badRequest(fixture.admin(HISTOGRAM + "?top=5"))).contains("unknown parameter top");
    }

    @Test
    void theLargestAllowedGridIsAnswered() {
        long to = START + 2_000 * 60_000L;
        Map<String, Object> body = ok(fixture.admin(HISTOGRAM + "?fromTimestamp=" + START + "&toTimestamp=" + to
                + "&interval=1m"));

        assertThat(buckets(body)).hasSize(2_000);
        assertThat(number(body.get("total"))).isEqualTo(fixture.direct.count(where().between(START, to)));
        assertThat(badRequest(fixture.admin(HISTOGRAM + "?fromTimestamp=" + START + "&toTimestamp=" + (to + 1)
                + "&interval=1m"))).startsWith("interval 1m splits the time range into 2001 buckets");
    }

    static long number(Object value) {
        return ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> buckets(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("buckets");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Long> longs(Object map) {
        Map<String, Long> out = new LinkedHashMap<>();
        ((Map<String, Object>) map).forEach((k, v) -> out.put(k, number(v)));
        return out;
    }
}
