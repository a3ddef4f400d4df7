package io.tapline.api.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.LiveApi;
import io.tapline.api.RunningApi;
import io.tapline.api.TestTokens;
import io.tapline.api.limit.EndpointGroup;
import io.tapline.api.limit.RateLimit;
import io.tapline.api.limit.RateLimitConfig;
import io.tapline.api.keys.ElasticsearchApiKeyStore;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;
import io.tapline.store.ElasticsearchConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.tapline.api.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant A (project iso_a), through a real JWT and a real API key on the tenant listener, never receives a record,
 * a count or an id of another tenant: for every filter parameter alone and every pair of them, in every paging
 * mode and output format, including the fanout cursor and the answers that are errors.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT {
    private static final String LOGS = LogsConformanceIT.LOGS;
    private static final long DAY = 1_738_886_400_000L; // 2025-02-07
    private static final Pattern LONG_NUMBER = Pattern.compile("[0-9]{12,19}");
    private static final String A = "iso_a";

    private ElasticsearchConnection connection;
    private QueryDataset data;
    private LiveApi api;
    private Set<String> foreignIds;
    private List<String[]> credentials;

    /** One filter parameter and what it selects. */
    private record Variant(String params, Predicate<LogRecord> matches) {
    }

    @BeforeAll
    void start(URI es) {
        connection = LiveApi.connect(es);
        data = QueryDataset.generate("iso", DAY, 450, 908).index(connection);
        foreignIds = data.records().stream().filter(r -> !r.projectId().equals(A)).map(r -> Long.toString(r.id()))
                .collect(Collectors.toSet());
        api = LiveApi.start(connection, b -> b.jwt(TestTokens.settings())
                .apiKeys(new ElasticsearchApiKeyStore(connection, new ObjectMapper()))
                .querySettings(QuerySettings.builder().adminFanout(true).build())
                // thousands of requests from one principal: the search rate limit is not what this test is about
                .rateLimits(RateLimitConfig.defaults().with(EndpointGroup.SEARCH, RateLimit.perMinute(1_000_000))));
        HttpResponse<String> created = api.send("POST", api.server.adminAddress(), "/api/keys",
                "{\"name\":\"iso-a-machine\",\"role\":\"tenant\",\"projects\":[\"" + A + "\"]}",
                "X-API-Key", RunningApi.ADMIN_TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        credentials = List.of(TestTokens.bearer(TestTokens.tenant("tenant-a", A)),
                new String[]{"X-API-Key", (String) json(created).get("key")});
    }

    @AfterAll
    void stop() {
        api.close();
        connection.close();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private List<Variant> variants() {
        long from = DAY + 200 * 20_000L;
        long to = DAY + 600 * 20_000L;
        return List.of(
                new Variant("", r -> true),
                new Variant("projectId=" + A, r -> true),
                new Variant("containerId=cnt_1", r -> "cnt_1".equals(r.containerId())),
                new Variant("serviceName=svc-2", r -> "svc-2".equals(r.serviceName())),
                new Variant("level=warn,error", r -> r.level() == Level.WARN || r.level() == Level.ERROR),
                new Variant("minLevel=error", r -> r.level().atLeast(Level.ERROR)),
                new Variant("kind=request", r -> r.kind() == Kind.REQUEST),
                new Variant("method=GET", r -> "GET".equals(r.method())),
                new Variant("source=edge", r -> r.source() == Source.EDGE),
                new Variant("query=timeout", r -> r.url().contains("timeout")),
                new Variant("includeRequestBody=true&includeResponseBody=true", r -> true),
                new Variant("fromTimestamp=" + from + "&toTimestamp=" + to, r -> r.tsMs() >= from && r.tsMs() < to),
                new Variant("since=" + Instant.ofEpochMilli(from) + "&until=" + Instant.ofEpochMilli(to),
                        r -> r.tsMs() >= from && r.tsMs() < to));
    }

    /**
     * What a tenant-A answer may contain: only A's records, and counts of A's records only.
     *
     * @param expectedMatches how many of A's records match, or null when the test does not know
     */
    private void assertOnlyTenantA(HttpResponse<String> response, String what, Long expectedMatches) {
        String body = response.body();
        assertThat(body).as(what).doesNotContain("iso_b", "iso_c");
        Matcher numbers = LONG_NUMBER.matcher(body);
        while (numbers.find()) {
            assertThat(foreignIds).as(what + ": a foreign id in the answer").doesNotContain(numbers.group());
        }
        if (response.statusCode() != 200 || expectedMatches == null) {
            if (response.statusCode() == 200 && response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                LogsConformanceIT.entries(json(response)).forEach(e -> assertThat(e.get("projectId")).as(what).isEqualTo(A));
            }
            return;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("application/json")) {
            Map<String, Object> page = json(response);
            assertThat(((Number) page.get("total")).longValue()).as(what + ": total").isEqualTo(expectedMatches);
            for (Map<String, Object> entry : LogsConformanceIT.entries(page)) {
                assertThat(entry.get("projectId")).as(what).isEqualTo(A);
            }
        } else if (type.startsWith("application/x-ndjson")) {
            assertThat(body.lines().count()).as(what + ": lines").isEqualTo(expectedMatches);
            assertThat(body.lines().allMatch(l -> l.contains("\"projectId\":\"" + A + "\""))).as(what).isTrue();
        } else {
            assertThat(Csv.parse(body)).as(what + ": rows").hasSize(expectedMatches.intValue() + 1);
        }
    }

    @Test
    void everyFilterAloneAndEveryPairInEveryModeReturnsOnlyTenantAsRecordsAndCounts() {
        List<Variant> variants = variants();
        List<String> modes = List.of("limit=1000", "limit=50&offset=20", "last=40", "afterId=0&limit=1000",
                "format=ndjson", "format=csv");
        int requests = 0;
        for (String[] credential : credentials) {
            for (int i = 0; i < variants.size(); i++) {
                for (int j = i; j < variants.size(); j++) {
                    Variant a = variants.get(i);
                    Variant b = variants.get(j);
                    if (i != j && (a.params().isEmpty() || b.params().isEmpty() || shareName(a, b))) {
                        continue;
                    }
                    Predicate<LogRecord> both = a.matches().and(b.matches());
                    long expected = data.records().stream().filter(r -> r.projectId().equals(A)).filter(both).count();
                    List<String> modesHere = i == j ? modes : List.of("limit=1000");
                    for (String mode : modesHere) {
                        String params = join(join(a.params(), i == j ? "" : b.params()), mode);
                        HttpResponse<String> response = api.tenant(LOGS + "?" + params, credential);
                        assertThat(response.statusCode()).as(params + ": " + response.body()).isEqualTo(200);
                        // total counts every match, whatever the page holds (last and offset pages included)
                        assertOnlyTenantA(response, credential[0] + " " + params, expected);
                        requests++;
                    }
                }
            }
        }
        assertThat(requests).isGreaterThan(200);
    }

    @Test
    void askingForAnotherTenantsProjectIs403InEveryModeAndSaysNothingAboutIt() {
        List<String> modes = List.of("", "&offset=5", "&last=5", "&afterId=0", "&format=ndjson", "&format=csv",
                "&cursor=", "&kind=event&query=quota");
        for (String[] credential : credentials) {
            for (String project : List.of("iso_b", "iso_c", "no_such_project")) {
                for (String mode : modes) {
                    HttpResponse<String> response = api.tenant(LOGS + "?projectId=" + project + mode, credential);
                    assertThat(response.statusCode()).as(project + mode).isEqualTo(403);
                    assertThat(json(response)).isEqualTo(RunningApi.errorBody(403, "Forbidden",
                            "Caller is not permitted to read logs for this scope"));
                }
            }
        }
    }

    @Test
    void theFanoutCursorIsNeverATenantsWayIntoOtherProjects() {
        HttpResponse<String> adminPage = api.admin(LOGS + "?cursor=&limit=10&" + data.window(),
                "X-API-Key", RunningApi.ADMIN_TOKEN);
        String adminCursor = (String) json(adminPage).get("nextCursor");
        assertThat(adminCursor).isNotNull();
        for (String[] credential : credentials) {
            for (String params : List.of("cursor=", "cursor=" + adminCursor, "cursor=" + adminCursor + "&" + data.window(),
                    "cursor=&projectId=" + A)) {
                HttpResponse<String> response = api.tenant(LOGS + "?" + params, credential);
                assertThat(response.statusCode()).as(params).isEqualTo(403);
                assertOnlyTenantA(response, params, null);
            }
        }
    }

    @Test
    void hostileValuesAndErrorsNeverCarryAnotherTenantsData() {
        List<String> hostile = new ArrayList<>(List.of("query=" + enc("iso_b"), "query=" + enc("project_id:iso_b"),
                "query=" + enc("* OR tapline.project_id:iso_b"), "containerId=" + enc("cnt_1\" OR \"a\"=\"a"),
                "serviceName=" + enc("svc-1 OR iso_b"), "projectId=" + enc("iso_a,iso_b"), "projectId=" + enc("iso_*"),
                "projectId=" + enc("iso_a ") , "level=" + enc("error,iso_b"), "afterId=" + Long.MAX_VALUE,
                "method=" + enc("GET\"},{\"match_all\""), "limit=0", "offset=-1", "last=99999"));
        for (String[] credential : credentials) {
            for (String params : hostile) {
                HttpResponse<String> response = api.tenant(LOGS + "?" + params, credential);
                assertThat(response.statusCode()).as(params).isIn(200, 400, 403);
                assertOnlyTenantA(response, params, null);
                assertThat(response.body()).as(params).doesNotContain("iso_b", "iso_c");
            }
        }
    }

    @Test
    void aTenantWithSeveralProjectsGetsExactlyThoseAndCanNarrowToOne() {
        String token = TestTokens.tenant("tenant-ac", "iso_a", "iso_c");
        HttpResponse<String> both = api.tenant(LOGS + "?limit=1000", TestTokens.bearer(token));
        long ac = data.records().stream().filter(r -> !r.projectId().equals("iso_b")).count();
        assertThat(json(both).get("total")).isEqualTo((int) ac);
        assertThat(both.body()).doesNotContain("iso_b");
        HttpResponse<String> one = api.tenant(LOGS + "?limit=1000&projectId=iso_c", TestTokens.bearer(token));
        assertThat(LogsConformanceIT.entries(json(one))).allSatisfy(e -> assertThat(e.get("projectId")).isEqualTo("iso_c"));
    }

    private static boolean shareName(Variant a, Variant b) {
        Set<String> names = names(a);
        // the same parameter twice, or two spellings of one time bound, are refused by design (tested elsewhere)
        return names(b).stream().anyMatch(names::contains)
                || names.contains("fromTimestamp") && names(b).contains("since");
    }

    private static Set<String> names(Variant v) {
        return java.util.Arrays.stream(v.params().split("&")).map(p -> p.split("=")[0]).collect(Collectors.toSet());
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "&" + b;
    }
}
