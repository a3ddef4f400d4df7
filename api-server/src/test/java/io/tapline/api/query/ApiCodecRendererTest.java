package io.tapline.api.query;

import io.tapline.api.InMemorySearchStore;
import io.tapline.api.RunningApi;
import io.tapline.api.TestEntries;
import io.tapline.api.ApiServer;
import io.tapline.schema.ApiCodec;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The production renderer plugs in as a method reference and yields seed-004 entries through the API. */
class ApiCodecRendererTest {

    @Test
    void apiCodecToEntryIsTheEntryRendererAndRendersSeedEntries() {
        EntryRenderer production = ApiCodec::toEntry;
        InMemorySearchStore store = new InMemorySearchStore().add(TestEntries.record(84321, "proj_a1b2c3d4"));
        try (ApiServer server = ApiServer.builder().store(store).entryRenderer(production)
                .tenantPort(0).adminPort(0).adminToken(RunningApi.ADMIN_TOKEN).build().start()) {
            HttpResponse<String> response = RunningApi.get(server.adminAddress(),
                    "/api/proxy-logs/_logs?includeRequestBody=true", "X-API-Key", RunningApi.ADMIN_TOKEN);

            assertThat(response.statusCode()).isEqualTo(200);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entries = (List<Map<String, Object>>) RunningApi.json(response).get("entries");
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0)).containsEntry("id", 84321).containsEntry("projectId", "proj_a1b2c3d4")
                    .containsEntry("kind", "request").containsKey("tsIso").containsKey("requestBody")
                    .doesNotContainKey("responseBody");
            assertThat(List.copyOf(entries.get(0).keySet()).subList(0, 3)).containsExactly("id", "traceId", "tsMs");
        }
    }
}
