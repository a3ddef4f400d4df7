package io.tapline.api;

import io.tapline.api.query.EntryRenderer;
import io.tapline.schema.Body;
import io.tapline.schema.IndexNames;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;
import io.tapline.store.ElasticsearchConnection;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Records to seed the test store with, and a small renderer standing in for {@code ApiCodec::toEntry}. */
public final class TestEntries {

    public static final EntryRenderer RENDERER = TestEntries::render;

    private TestEntries() {
    }

    /** A request record of {@code projectId}, captured at {@code 1_718_201_234_000 + id} ms. */
    public static LogRecord record(long id, String projectId) {
        return LogRecord.builder()
                .id(id)
                .traceId("trace-" + id)
                .tsMs(1_718_201_234_000L + id)
                .kind(Kind.REQUEST)
                .level(Level.INFO)
                .projectId(projectId)
                .method("GET")
                .url("/v1/users/" + id)
                .status(200)
                .source(Source.BACKEND)
                .requestBody(new Body("request body " + id, false, "text/plain"))
                .responseBody(new Body("response body " + id, false, "text/plain"))
                .build();
    }

    /**
     * Deletes {@code records} from their daily indices and refreshes: a test on the node every IT of the JVM shares
     * leaves it as found (the node has no delete-by-query). Nothing to do for none.
     */
    public static void deleteStored(ElasticsearchConnection connection, Collection<LogRecord> records)
            throws IOException {
        if (records.isEmpty()) {
            return;
        }
        connection.client().bulk(b -> {
            for (LogRecord r : records) {
                b.operations(op -> op.delete(d -> d.index(IndexNames.dailyIndex(r.tsMs())).id(Long.toString(r.id()))));
            }
            return b.refresh(co.elastic.clients.elasticsearch._types.Refresh.True);
        });
    }

    private static Map<String, Object> render(LogRecord r, boolean includeRequestBody, boolean includeResponseBody) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", r.id());
        entry.put("traceId", r.traceId());
        entry.put("tsMs", r.tsMs());
        entry.put("kind", r.kind().wireName());
        entry.put("level", r.level().wireName());
        entry.put("projectId", r.projectId());
        if (includeRequestBody && r.requestBody() != null) {
            entry.put("requestBody", r.requestBody().content());
        }
        if (includeResponseBody && r.responseBody() != null) {
            entry.put("responseBody", r.responseBody().content());
        }
        return entry;
    }
}
