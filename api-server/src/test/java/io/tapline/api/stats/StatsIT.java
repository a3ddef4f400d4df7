package io.tapline.api.stats;

import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import static io.tapline.api.stats.AggregateApi.STATS;
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
 * {@code GET /_logs/stats} over real HTTP on the embedded node: seed 004's shape, and every number equal to a
 * count sent straight to Elasticsearch and to the same records counted in Java, for several filter combinations.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsIT {

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
    void answersWithSeed004sFiveFieldsInOrderAndOtherAlongsideThem() {
        Map<String, Object> body = ok(fixture.admin(STATS + "?" + window()));

        assertThat(body.keySet()).containsExactly("total", "byLevel", "byProject", "byContainer", "byService", "other");
        assertThat(body.get("total")).isInstanceOf(Number.class);
        for (String map : List.of("byLevel", "byProject", "byContainer", "byService")) {
            assertThat(body.get(map)).isInstanceOf(Map.class);
            assertThat(((Map<?, ?>) body.get(map)).values()).allSatisfy(v -> assertThat(v).isInstanceOf(Number.class));
        }
        assertThat(map(body, "other").keySet()).containsExactly("byLevel", "byProject", "byContainer", "byService");
        assertThat(map(body, "byLevel").keySet()).containsExactly("info", "warn", "error", "debug", "critical");
    }

    /** One filter combination: the request's parameters, the same selection in raw JSON and in Java. */
    private record Case(String name, Function<String, HttpResponse<String>> caller, String params,
                        DirectCounts.Where where, Predicate<LogRecord> java) {
    }

    private List<Case> cases() {
        long from = START + 3 * HOUR;
        long to = START + 20 * HOUR;
        return List.of(
                new Case("admin, the dataset's window", fixture::admin, window(),
                        where().between(START, END), r -> true),
                new Case("tenant A, no parameter", fixture::tenantA, "",
                        where().terms("tapline.project_id", TENANT_A), AggregateDataset::ofTenantA),
                new Case("tenant A, two levels of one kind", fixture::tenantA, "level=warn,error&kind=request",
                        where().terms("tapline.project_id", TENANT_A).terms("log.level", List.of("warn", "error"))
                                .term("tapline.kind", "request"),
                        r -> AggregateDataset.ofTenantA(r) && (r.level() == Level.WARN || r.level() == Level.ERROR)
                                && r.kind() == Kind.REQUEST),
                new Case("admin, one project, method and source", fixture::admin,
                        window() + "&projectId=agga_two&method=get&source=edge",
                        where().between(START, END).term("tapline.project_id", "agga_two")
                                .term("http.request.method", "GET").term("tapline.source", "edge"),
                        r -> r.projectId().equals("agga_two") && r.method().equals("GET") && r.source() == Source.EDGE),
                new Case("tenant A, full text in an ISO range", fixture::tenantA,
                        "query=timeout&since=" + Instant.ofEpochMilli(from) + "&until=" + Instant.ofEpochMilli(to),
                        where().terms("tapline.project_id", TENANT_A).words("timeout").between(from, to),
                        r -> AggregateDataset.ofTenantA(r) && r.url().contains("timeout")
                                && r.tsMs() >= from && r.tsMs() < to),
                new Case("admin, a container both tenants use, minimum level", fixture::admin,
                        window() + "&containerId=cnt_shared&minLevel=error",
                        where().between(START, END).term("container.id", "cnt_shared")
                                .terms("log.level", List.of("error", "critical")),
                        r -> "cnt_shared".equals(r.containerId()) && r.level().atLeast(Level.ERROR)),
                new Case("tenant B, a service both tenants use", fixture::tenantB, "serviceName=svc-shared",
                        where().term("tapline.project_id", AggregateDataset.B_PROJECT).term("service.name", "svc-shared"),
                        r -> r.projectId().equals(AggregateDataset.B_PROJECT) && r.serviceName().equals("svc-shared")));
    }

    @Test
    void everyTotalAndCountEqualsTheCountElasticsearchGivesForTheSameFilter() {
        for (Case c : cases()) {
            List<LogRecord> want = fixture.data.matching(c.java());
            assertThat(want).as("the dataset must exercise " + c.name()).isNotEmpty();
            Map<String, Object> body = ok(c.caller().apply(STATS + "?" + c.params()));

            long total = number(body.get("total"));
            assertThat(total).as(c.name() + ": total").isEqualTo(fixture.direct.count(c.where())).isEqualTo(want.size());
            assertDimension(c, body, "byLevel", "log.level", want, r -> r.level().wireName());
            assertDimension(c, body, "byProject", "tapline.project_id", want, LogRecord::projectId);
            assertDimension(c, body, "byContainer", "container.id", want, LogRecord::containerId);
            assertDimension(c, body, "byService", "service.name", want, LogRecord::serviceName);
            // nothing is cut at the default top, so "other" is exactly the records without the field
            assertThat(number(map(body, "other").get("byContainer"))).as(c.name() + ": other.byContainer")
                    .isEqualTo(fixture.direct.count(c.where().copy().missing("container.id")))
                    .isEqualTo(want.stream().filter(r -> r.containerId() == null).count());
            assertThat(number(map(body, "other").get("byLevel"))).isZero();
        }
    }

    private void assertDimension(Case c, Map<String, Object> body, String name, String field, List<LogRecord> want,
                                 Function<LogRecord, String> key) {
        Map<String, Long> counts = longs(map(body, name));
        assertThat(counts).as(c.name() + ": " + name).isEqualTo(ranked(want, key));
        assertThat(counts.keySet()).as(c.name() + ": " + name + " in order").containsExactlyElementsOf(ranked(want, key).keySet());
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            assertThat(e.getValue()).as(c.name() + ": " + name + "." + e.getKey())
                    .isEqualTo(fixture.direct.count(c.where().copy().term(field, e.getKey())));
        }
    }

    @Test
    void topListsTheMostFrequentValuesAndCountsTheRestAsOtherButNeverCutsLevels() {
        Map<String, Object> body = ok(fixture.tenantA(STATS + "?top=1"));
        List<LogRecord> a = fixture.data.matching(AggregateDataset::ofTenantA);

        long total = number(body.get("total"));
        Map.Entry<String, Long> topContainer = ranked(a, LogRecord::containerId).entrySet().iterator().next();
        assertThat(longs(map(body, "byContainer"))).containsExactly(topContainer);
        assertThat(number(map(body, "other").get("byContainer"))).isEqualTo(total - topContainer.getValue())
                .isEqualTo(fixture.direct.count(where().terms("tapline.project_id", TENANT_A)) - topContainer.getValue());
        assertThat(map(body, "byProject")).hasSize(1);
        assertThat(map(body, "byService")).hasSize(1);
        for (String dimension : List.of("byProject", "byService")) {
            long listed = longs(map(body, dimension)).values().stream().mapToLong(Long::longValue).sum();
            assertThat(listed + number(map(body, "other").get(dimension))).isEqualTo(total);
        }
        assertThat(longs(map(body, "byLevel"))).isEqualTo(ranked(a, r -> r.level().wireName()));
    }

    @Test
    void badParametersAreA400WithTheSeedErrorBody() {
        assertThat(badRequest(fixture.admin(STATS + "?top=0"))).isEqualTo("top must be an integer between 1 and 1000");
        assertThat(badRequest(fixture.admin(STATS + "?top=1001"))).isEqualTo("top must be an integer between 1 and 1000");
        assertThat(badRequest(fixture.tenantA(STATS + "?top=ten"))).isEqualTo("top must be an integer between 1 and 1000");
        assertThat(badRequest(fixture.tenantA(STATS + "?level=loud"))).startsWith("level must be");
        assertThat(badRequest(fixture.tenantA(STATS + "?fromTimestamp=2000&toTimestamp=1000")))
                .isEqualTo("fromTimestamp must not be after toTimestamp");
        assertThat(badRequest(fixture.tenantA(STATS + "?limit=5"))).contains("unknown parameter limit");
        assertThat(badRequest(fixture.tenantA(STATS + "?top=1&top=2"))).isEqualTo("top must be given at most once");
    }

    static long number(Object value) {
        return ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> body, String name) {
        return (Map<String, Object>) body.get(name);
    }

    static Map<String, Long> longs(Map<String, Object> map) {
        Map<String, Long> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, number(v)));
        return out;
    }
}
