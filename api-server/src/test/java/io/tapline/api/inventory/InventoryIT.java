package io.tapline.api.inventory;

import io.tapline.api.stats.AggregateApi;
import io.tapline.api.stats.AggregateDataset;
import io.tapline.api.stats.DirectCounts;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Timestamps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import static io.tapline.api.stats.AggregateApi.CONTAINERS;
import static io.tapline.api.stats.AggregateApi.SERVICES;
import static io.tapline.api.stats.AggregateApi.badRequest;
import static io.tapline.api.stats.AggregateApi.ok;
import static io.tapline.api.stats.AggregateDataset.END;
import static io.tapline.api.stats.AggregateDataset.START;
import static io.tapline.api.stats.AggregateDataset.TENANT_A;
import static io.tapline.api.stats.AggregateDataset.ranked;
import static io.tapline.api.stats.AggregateDataset.window;
import static io.tapline.api.stats.DirectCounts.where;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /_logs/containers} and {@code /_logs/services} over real HTTP on the embedded node: each item's count
 * and last-seen time equal what Elasticsearch answers directly for that container or service, and the records in
 * Java, for several filter combinations.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryIT {

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
    void eachInventoryNamesItsListAndItsItemsKey() {
        Map<String, Object> containers = ok(fixture.tenantA(CONTAINERS));
        assertThat(containers.keySet()).containsExactly("containers", "total", "other");
        assertThat(items(containers, "containers").get(0).keySet())
                .containsExactly("containerId", "count", "lastSeenMs", "lastSeenIso", "projectIds");

        Map<String, Object> services = ok(fixture.tenantA(SERVICES));
        assertThat(services.keySet()).containsExactly("services", "total", "other");
        Map<String, Object> item = items(services, "services").get(0);
        assertThat(item.keySet()).containsExactly("serviceName", "count", "lastSeenMs", "lastSeenIso", "projectIds");
        assertThat(item.get("lastSeenIso")).isEqualTo(Timestamps.iso(number(item.get("lastSeenMs"))));
    }

    private record Case(String name, Function<String, HttpResponse<String>> caller, String params,
                        DirectCounts.Where where, Predicate<LogRecord> java) {
    }

    private List<Case> cases() {
        return List.of(
                new Case("admin, the dataset's window", fixture::admin, window(), where().between(START, END), r -> true),
                new Case("tenant A, no parameter", fixture::tenantA, "",
                        where().terms("tapline.project_id", TENANT_A), AggregateDataset::ofTenantA),
                new Case("tenant A, errors", fixture::tenantA, "level=error",
                        where().terms("tapline.project_id", TENANT_A).term("log.level", "error"),
                        r -> AggregateDataset.ofTenantA(r) && r.level() == Level.ERROR),
                new Case("admin, tenant B's requests", fixture::admin, "projectId=aggb_secret&kind=request",
                        where().term("tapline.project_id", AggregateDataset.B_PROJECT).term("tapline.kind", "request"),
                        r -> r.projectId().equals(AggregateDataset.B_PROJECT) && r.kind() == Kind.REQUEST));
    }

    @Test
    void containersCountsAndLastSeenTimesEqualElasticsearchsOwnAnswers() {
        for (Case c : cases()) {
            assertInventory(c, CONTAINERS, "containers", "containerId", "container.id", LogRecord::containerId);
        }
    }

    @Test
    void servicesCountsAndLastSeenTimesEqualElasticsearchsOwnAnswers() {
        for (Case c : cases()) {
            assertInventory(c, SERVICES, "services", "serviceName", "service.name", LogRecord::serviceName);
        }
    }

    private void assertInventory(Case c, String path, String list, String keyName, String field,
                                 Function<LogRecord, String> key) {
        List<LogRecord> want = fixture.data.matching(c.java());
        assertThat(want).as("the dataset must exercise " + c.name()).isNotEmpty();
        Map<String, Object> body = ok(c.caller().apply(path + "?" + c.params()));

        assertThat(number(body.get("total"))).as(c.name() + ": total")
                .isEqualTo(fixture.direct.count(c.where())).isEqualTo(want.size());
        List<Map<String, Object>> items = items(body, list);
        assertThat(items).extracting(i -> (String) i.get(keyName)).as(c.name() + ": names, most entries first")
                .containsExactlyElementsOf(ranked(want, key).keySet());
        for (Map<String, Object> item : items) {
            String name = (String) item.get(keyName);
            DirectCounts.Where of = c.where().copy().term(field, name);
            List<LogRecord> mine = want.stream().filter(r -> name.equals(key.apply(r))).toList();
            assertThat(number(item.get("count"))).as(c.name() + ": " + name)
                    .isEqualTo(fixture.direct.count(of)).isEqualTo(mine.size());
            assertThat(number(item.get("lastSeenMs"))).as(c.name() + ": " + name + " last seen")
                    .isEqualTo(fixture.direct.newestMs(of))
                    .isEqualTo(mine.stream().mapToLong(LogRecord::tsMs).max().orElseThrow());
            assertThat(item.get("projectIds")).as(c.name() + ": " + name + " projects")
                    .isEqualTo(mine.stream().map(LogRecord::projectId).distinct().sorted().toList());
        }
        assertThat(number(body.get("other"))).as(c.name() + ": other")
                .isEqualTo(want.stream().filter(r -> key.apply(r) == null).count());
    }

    @Test
    void limitListsTheBusiestAndCountsTheRestAsOther() {
        Map<String, Object> body = ok(fixture.tenantA(CONTAINERS + "?limit=2"));
        List<LogRecord> a = fixture.data.matching(AggregateDataset::ofTenantA);
        Map<String, Long> ranked = ranked(a, LogRecord::containerId);

        List<Map<String, Object>> items = items(body, "containers");
        assertThat(items).extracting(i -> i.get("containerId")).containsExactlyElementsOf(ranked.keySet().stream().limit(2).toList());
        long listed = items.stream().mapToLong(i -> number(i.get("count"))).sum();
        assertThat(number(body.get("other"))).isEqualTo(a.size() - listed);
        assertThat(number(body.get("total"))).isEqualTo(a.size());
    }

    @Test
    void aContainerBothTenantsUseCountsOnlyTheCallersRecordsAndProjects() {
        Map<String, Object> item = items(ok(fixture.tenantA(CONTAINERS + "?containerId=cnt_shared")), "containers").get(0);
        List<LogRecord> mine = fixture.data.matching(r -> AggregateDataset.ofTenantA(r) && "cnt_shared".equals(r.containerId()));

        assertThat(number(item.get("count"))).isEqualTo(mine.size())
                .isLessThan(fixture.data.matching(r -> "cnt_shared".equals(r.containerId())).size());
        assertThat((List<?>) item.get("projectIds")).isNotEmpty().allSatisfy(p -> assertThat(TENANT_A).contains((String) p));
    }

    @Test
    void badParametersAreA400WithTheSeedErrorBody() {
        for (String path : List.of(CONTAINERS, SERVICES)) {
            assertThat(badRequest(fixture.tenantA(path + "?limit=0"))).isEqualTo("limit must be an integer between 1 and 1000");
            assertThat(badRequest(fixture.tenantA(path + "?limit=1001"))).isEqualTo("limit must be an integer between 1 and 1000");
            assertThat(badRequest(fixture.tenantA(path + "?kind=log"))).isEqualTo("kind must be one of request, response, event");
            assertThat(badRequest(fixture.tenantA(path + "?until=yesterday"))).startsWith("until must be");
            assertThat(badRequest(fixture.tenantA(path + "?interval=1h"))).contains("unknown parameter interval");
        }
    }

    static long number(Object value) {
        return ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> body, String list) {
        return (List<Map<String, Object>>) body.get(list);
    }
}
