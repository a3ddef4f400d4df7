package io.tapline.api.stats;

import io.tapline.api.TestTokens;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.tapline.api.RunningApi.errorBody;
import static io.tapline.api.RunningApi.json;
import static io.tapline.api.stats.AggregateApi.CONTAINERS;
import static io.tapline.api.stats.AggregateApi.HISTOGRAM;
import static io.tapline.api.stats.AggregateApi.SERVICES;
import static io.tapline.api.stats.AggregateApi.STATS;
import static io.tapline.api.stats.AggregateApi.ok;
import static io.tapline.api.stats.AggregateDataset.B_ONLY_NAMES;
import static io.tapline.api.stats.AggregateDataset.B_PROJECT;
import static io.tapline.api.stats.AggregateDataset.window;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant isolation on the four counting endpoints: whatever tenant A sends, no answer (success or error) carries a
 * project, container or service name only tenant B has, nor counts any of B's records.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AggregateTenantIsolationIT {

    private static final List<String> ENDPOINTS = List.of(STATS, HISTOGRAM, CONTAINERS, SERVICES);
    private static final String FORBIDDEN = "Caller is not permitted to read logs for this scope";

    /** Parameter sets a curious tenant might try, each valid on every endpoint. */
    private static final List<String> PROBES = List.of("", window(), "containerId=cnt_b_hidden",
            "serviceName=svc-b-payroll", "containerId=cnt_shared", "serviceName=svc-shared", "query=payroll",
            "projectId=agga_one", "level=debug,info,warn,error,critical", "source=edge&method=POST");

    private AggregateApi fixture;

    @BeforeAll
    void start(URI es) {
        fixture = AggregateApi.start(es);
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private static String withParams(String path, String params) {
        return params.isEmpty() ? path : path + "?" + params;
    }

    @Test
    void noAnswerToTenantANamesAnythingOnlyTenantBHas() {
        for (String path : ENDPOINTS) {
            for (String probe : PROBES) {
                HttpResponse<String> response = fixture.tenantA(withParams(path, probe));
                assertThat(response.statusCode()).as(path + "?" + probe).isEqualTo(200);
                for (String secret : B_ONLY_NAMES) {
                    assertThat(response.body()).as(path + "?" + probe).doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void tenantACountsOnlyItsOwnRecordsEvenForNamesBothTenantsUse() {
        for (String probe : PROBES) {
            String and = probe.isEmpty() ? "" : probe + "&";
            long own = number(ok(fixture.tenantA(withParams(STATS, probe))).get("total"));
            // the admin's count of the same probe in tenant A's projects, one project at a time
            long expected = probe.startsWith("projectId=")
                    ? number(ok(fixture.admin(STATS + "?" + probe)).get("total"))
                    : number(ok(fixture.admin(STATS + "?" + and + "projectId=agga_one")).get("total"))
                    + number(ok(fixture.admin(STATS + "?" + and + "projectId=agga_two")).get("total"));
            assertThat(own).as(probe).isEqualTo(expected);
            for (String path : List.of(HISTOGRAM, CONTAINERS, SERVICES)) {
                String params = path.equals(HISTOGRAM) && !probe.contains("Timestamp") ? and + window() : probe;
                assertThat(number(ok(fixture.tenantA(withParams(path, params))).get("total"))).as(path + "?" + params)
                        .isEqualTo(own);
            }
        }
        assertThat(number(ok(fixture.tenantA(STATS + "?containerId=cnt_b_hidden")).get("total"))).isZero();
        assertThat(number(ok(fixture.tenantA(STATS + "?containerId=cnt_shared")).get("total")))
                .isEqualTo(fixture.data.matching(r -> AggregateDataset.ofTenantA(r) && "cnt_shared".equals(r.containerId())).size())
                .isPositive();
    }

    @Test
    void eachTenantsCountsAddUpToTheAdminsAndTheAdminSeesEveryProject() {
        long a = number(ok(fixture.tenantA(STATS + "?" + window())).get("total"));
        long b = number(ok(fixture.tenantB(STATS + "?" + window())).get("total"));
        Map<String, Object> admin = ok(fixture.admin(STATS + "?" + window()));

        assertThat(a + b).isEqualTo(number(admin.get("total"))).isEqualTo(AggregateDataset.COUNT);
        assertThat(b).isEqualTo(fixture.data.matching(r -> r.projectId().equals(B_PROJECT)).size());
        assertThat(StatsIT.map(admin, "byProject")).containsOnlyKeys("agga_one", "agga_two", B_PROJECT);
        List<LogRecord> shared = fixture.data.matching(r -> "cnt_shared".equals(r.containerId()));
        assertThat(number(StatsIT.map(admin, "byContainer").get("cnt_shared"))).isEqualTo(shared.size());
    }

    @Test
    void askingForAnotherTenantsProjectIsTheSame403AsAskingForOneThatDoesNotExist() {
        for (String path : ENDPOINTS) {
            HttpResponse<String> foreign = fixture.tenantA(path + "?projectId=" + B_PROJECT);
            HttpResponse<String> nonexistent = fixture.tenantA(path + "?projectId=aggz_nowhere");
            assertThat(foreign.statusCode()).as(path).isEqualTo(403);
            assertThat(json(foreign)).as(path).isEqualTo(errorBody(403, "Forbidden", FORBIDDEN));
            assertThat(nonexistent.statusCode()).isEqualTo(403);
            assertThat(nonexistent.body()).isEqualTo(foreign.body());
        }
    }

    @Test
    void badParametersFromTenantAEchoNothingOfTenantB() {
        for (String path : ENDPOINTS) {
            for (String bad : List.of("projectId=" + B_PROJECT + "&level=nope", "containerId=cnt_b_hidden&limit=0&top=0",
                    "serviceName=svc-b-payroll&fromTimestamp=9&toTimestamp=1")) {
                HttpResponse<String> response = fixture.tenantA(path + "?" + bad);
                assertThat(response.statusCode()).as(path + "?" + bad).isBetween(400, 403);
                for (String secret : B_ONLY_NAMES) {
                    assertThat(response.body()).as(path + "?" + bad).doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void aTenantWithoutProjectsAndAnAnonymousCallerGetNothing() {
        for (String path : ENDPOINTS) {
            HttpResponse<String> noProjects = fixture.api.tenant(path, TestTokens.bearer(TestTokens.tenant("empty")));
            assertThat(noProjects.statusCode()).as(path).isEqualTo(403);
            assertThat(json(noProjects)).isEqualTo(errorBody(403, "Forbidden", FORBIDDEN));

            HttpResponse<String> anonymous = fixture.api.tenant(path);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(json(anonymous).keySet()).containsExactly("statusCode", "error", "message");
        }
    }

    static long number(Object value) {
        return ((Number) value).longValue();
    }
}
