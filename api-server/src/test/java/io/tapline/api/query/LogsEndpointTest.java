package io.tapline.api.query;

import io.tapline.api.RunningApi;
import io.tapline.api.TestEntries;
import io.tapline.store.LogQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tapline.api.RunningApi.errorBody;
import static io.tapline.api.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

class LogsEndpointTest {

    private static final String LOGS = "/api/proxy-logs/_logs";

    private final RunningApi api = RunningApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void answersWithEntriesTotalLimitOffsetInTheSeedsKeyOrder() {
        api.store.add(TestEntries.record(1, "p1"), TestEntries.record(2, "p1"), TestEntries.record(3, "p2"));

        HttpResponse<String> response = api.admin(LOGS + "?limit=2&offset=0");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        Map<String, Object> body = json(response);
        assertThat(body.keySet()).containsExactly("entries", "total", "limit", "offset");
        assertThat(body).containsEntry("total", 3).containsEntry("limit", 2).containsEntry("offset", 0);
        assertThat(response.body()).startsWith("{\"entries\":[{\"id\":3,").endsWith("],\"total\":3,\"limit\":2,\"offset\":0}");
    }

    @Test
    void rendersEveryEntryThroughTheEntryRendererNewestFirst() {
        api.store.add(TestEntries.record(1, "p1"), TestEntries.record(2, "p2"));

        List<Map<String, Object>> entries = entries(api.admin(LOGS));

        assertThat(entries).extracting(e -> e.get("id")).containsExactly(2, 1);
        assertThat(entries.get(0).keySet()).containsExactly("id", "traceId", "tsMs", "kind", "level", "projectId");
        assertThat(entries.get(0)).containsEntry("traceId", "trace-2").containsEntry("kind", "request");
    }

    @Test
    void defaultsToLimit200AndOffset0() {
        Map<String, Object> body = json(api.admin(LOGS));

        assertThat(body).containsEntry("entries", List.of()).containsEntry("total", 0)
                .containsEntry("limit", 200).containsEntry("offset", 0);
        assertThat(api.store.lastQuery()).isEqualTo(new LogQuery(null, 200, 0));
    }

    @Test
    void passesLimitOffsetAndProjectIdToTheStore() {
        api.admin(LOGS + "?limit=7&offset=21&projectId=proj_a1b2c3d4");

        assertThat(api.store.lastQuery()).isEqualTo(new LogQuery(Set.of("proj_a1b2c3d4"), 7, 21));
    }

    @Test
    void adminWithoutProjectIdSearchesEveryProject() {
        api.store.add(TestEntries.record(1, "p1"), TestEntries.record(2, "p2"));

        assertThat(entries(api.admin(LOGS))).extracting(e -> e.get("projectId")).containsExactly("p2", "p1");
        assertThat(api.store.lastQuery().projectIds()).isNull();
    }

    @Test
    void acceptsTheBoundaryValuesOfLimitAndOffset() {
        assertThat(api.admin(LOGS + "?limit=1").statusCode()).isEqualTo(200);
        assertThat(api.admin(LOGS + "?limit=1000").statusCode()).isEqualTo(200);
        assertThat(api.admin(LOGS + "?offset=1000000").statusCode()).isEqualTo(200);
    }

    @Test
    void bodiesAreRenderedOnlyWhenAskedFor() {
        api.store.add(TestEntries.record(1, "p1"));

        assertThat(entries(api.admin(LOGS)).get(0)).doesNotContainKeys("requestBody", "responseBody");
        assertThat(entries(api.admin(LOGS + "?includeRequestBody=true")).get(0))
                .containsEntry("requestBody", "request body 1").doesNotContainKey("responseBody");
        assertThat(entries(api.admin(LOGS + "?includeResponseBody=true&includeRequestBody=false")).get(0))
                .containsEntry("responseBody", "response body 1").doesNotContainKey("requestBody");
    }

    @ParameterizedTest(name = "limit=\"{0}\"")
    @ValueSource(strings = {"abc", "-1", "0", "1001", "99999999999999999999", "", "1.5", "%205", "%2B5", "0x10",
            "%EF%BC%95", "5%00"})
    void rejectsABadLimitWith400NamingTheParameter(String value) {
        assertBadRequest(LOGS + "?limit=" + value, "limit must be an integer between 1 and 1000");
    }

    @ParameterizedTest(name = "offset=\"{0}\"")
    @ValueSource(strings = {"abc", "-1", "1000001", "2147483648", "99999999999999999999", "", "1e3"})
    void rejectsABadOffsetWith400NamingTheParameter(String value) {
        assertBadRequest(LOGS + "?offset=" + value, "offset must be an integer between 0 and 1000000");
    }

    @Test
    void rejectsALimitGivenTwice() {
        assertBadRequest(LOGS + "?limit=5&limit=6", "limit must be given at most once");
    }

    @Test
    void rejectsAnEmptyOrOverlongProjectIdWithoutRepeatingIt() {
        String message = "projectId must be between 1 and 128 non-blank characters without control characters";
        assertBadRequest(LOGS + "?projectId=", message);
        assertBadRequest(LOGS + "?projectId=%20%20", message);
        assertBadRequest(LOGS + "?projectId=" + "p".repeat(129), message);
    }

    @Test
    void rejectsABodyFlagThatIsNotABoolean() {
        assertBadRequest(LOGS + "?includeRequestBody=yes", "includeRequestBody must be true or false");
        assertBadRequest(LOGS + "?includeResponseBody=", "includeResponseBody must be true or false");
    }

    @Test
    void theStoreIsSearchedOnAWorkerThreadNeverOnAnIoThread() {
        api.admin(LOGS);

        assertThat(api.store.lastCallingThread()).startsWith("tapline-api task-");
    }

    @Test
    void aBadParameterNeverReachesTheStore() {
        api.admin(LOGS + "?limit=0");

        assertThat(api.store.queries()).isEmpty();
    }

    private void assertBadRequest(String pathAndQuery, String message) {
        HttpResponse<String> response = api.admin(pathAndQuery);
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(response)).isEqualTo(errorBody(400, "Bad Request", message));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return (List<Map<String, Object>>) json(response).get("entries");
    }
}
