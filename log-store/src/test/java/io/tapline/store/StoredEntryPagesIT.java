package io.tapline.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.ApiEntrySource;
import io.tapline.schema.EcsCodec;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.IndexNames;
import io.tapline.schema.LogRecord;
import io.tapline.schema.SchemaResources;
import io.tapline.schema.StoredEntry;
import io.tapline.store.filter.LogFilter;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pages served from the entries stored at index time ({@link StoredEntryPages}), over the real embedded node: the
 * same bytes as pages transcoded from {@code _source}, for documents with and without an entry, mixed in any order;
 * {@code _source} stays the ECS document; an index created from a template without the field is written without it.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredEntryPagesIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long DAY_MS = 86_400_000L;
    /** Each test's records live in their own projects and days (2023), apart from other test classes'. */
    private static final long START = 1_684_108_800_000L; // 2023-05-15T00:00:00Z

    private ElasticsearchConnection connection;
    private ElasticsearchStore store;
    private BulkIndexer indexer;

    private final Set<String> indices = new java.util.TreeSet<>();

    @BeforeAll
    void open(URI es) {
        connection = ElasticsearchConnection.open(StoreConfig.of(es), MAPPER);
        new SchemaInstaller(connection, MAPPER, "30d").install();
        indexer = new BulkIndexer(connection, MAPPER, RetryPolicy.defaults(), 300, 1 << 20);
    }

    /** A store of its own per test: one remembers whether the last pages had stored entries. */
    @BeforeEach
    void newStore() {
        store = new ElasticsearchStore(connection);
    }

    @AfterAll
    void close() throws IOException {
        // leave the shared node as found
        connection.restClient().performRequest(new Request("DELETE", "/" + String.join(",", indices)));
        connection.close();
    }

    @Test
    void pagesFromStoredEntriesAreTheBytesOfTranscodedPagesInEveryOrder() throws IOException {
        List<LogRecord> records = varied("stored", 1_500, START, 3 * DAY_MS);
        index(records);
        LogFilter filter = LogFilter.ALL.withProjects(projects(records));
        long middleId = records.stream().mapToLong(LogRecord::id).sorted().skip(700).findFirst().orElseThrow();
        List<LogQuery> queries = List.of(
                LogQuery.newestFirst(filter, 200, 0),
                LogQuery.newestFirst(filter, 1_000, 300),
                LogQuery.newestFirst(filter, 7, 1_490),
                LogQuery.newestFirst(filter, 50, 5_000), // past the end: an empty page with its total
                new LogQuery(filter, LogQuery.Order.ID_ASCENDING, 300, 0, middleId, null),
                new LogQuery(filter, LogQuery.Order.ID_DESCENDING, 100, 0, null, middleId));
        for (LogQuery query : queries) {
            Page stored = page(query, false);
            Page transcoded = page(query, true);
            assertThat(stored.json).as("%s", query).isEqualTo(transcoded.json);
            assertThat(stored.page).isEqualTo(transcoded.page);
            assertThat(stored.fromStoredEntries).isEqualTo(stored.page.count());
            assertThat(transcoded.fromStoredEntries).isZero();
        }
        assertThat(page(queries.get(0), false).page.count()).isEqualTo(200);
    }

    @Test
    void sourceStaysTheEcsDocumentAndTheEntryIsStoredBesideIt() throws IOException {
        LogRecord record = varied("source", 1, START + 4 * DAY_MS, 1).get(0);
        index(List.of(record));
        String index = IndexNames.dailyIndex(record.tsMs());
        JsonNode doc = json(new Request("GET", "/" + index + "/_doc/" + record.id()));
        JsonNode expected = MAPPER.valueToTree(EcsCodec.toDocument(record));
        assertThat(doc.path("_source").has(StoredEntry.FIELD)).isFalse();
        assertThat(doc.path("_source")).isEqualTo(expected);

        Request stored = new Request("GET", "/" + index + "/_doc/" + record.id());
        stored.addParameter("stored_fields", StoredEntry.FIELD);
        String base64 = json(stored).path("fields").path(StoredEntry.FIELD).path(0).asText();
        String entry = new String(java.util.Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        assertThat(MAPPER.readTree(entry)).isEqualTo(MAPPER.valueToTree(io.tapline.schema.ApiCodec.toEntry(record, false, false)));
    }

    @Test
    void documentsWithoutEntriesAreFetchedAndWrittenInTheirPlace() throws IOException {
        List<LogRecord> records = varied("mixed", 600, START + 6 * DAY_MS, DAY_MS);
        List<LogRecord> withEntries = new ArrayList<>();
        List<LogRecord> asLogstashWritesThem = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            // runs of each kind, the first hit of the newest page among those without an entry
            (i / 7 % 3 == 1 ? withEntries : asLogstashWritesThem).add(records.get(i));
        }
        index(withEntries);
        indexWithoutEntries(asLogstashWritesThem);
        LogFilter filter = LogFilter.ALL.withProjects(projects(records));
        for (LogQuery query : List.of(LogQuery.newestFirst(filter, 200, 0), LogQuery.newestFirst(filter, 100, 33),
                new LogQuery(filter, LogQuery.Order.ID_ASCENDING, 250, 0, Long.MIN_VALUE, null))) {
            Page stored = page(query, false);
            Page transcoded = page(query, true);
            assertThat(stored.json).as("%s", query).isEqualTo(transcoded.json);
            assertThat(stored.page).isEqualTo(transcoded.page);
            assertThat(stored.page.count()).isPositive();
        }
        // a page that starts with stored entries, then meets documents without
        LogRecord newestWithEntry = withEntries.stream().max(Comparator.comparingLong(LogRecord::tsMs)
                .thenComparingLong(LogRecord::id)).orElseThrow();
        List<LogRecord> newestFirst = records.stream().sorted(Comparator.comparingLong(LogRecord::tsMs)
                .thenComparingLong(LogRecord::id).reversed()).toList();
        int offset = newestFirst.indexOf(newestWithEntry);
        LogQuery fromEntries = LogQuery.newestFirst(filter, 60, offset);
        Page stored = page(fromEntries, false);
        assertThat(stored.json).isEqualTo(page(fromEntries, true).json);
        assertThat(stored.ids).isEqualTo(newestFirst.subList(offset, offset + 60).stream().map(LogRecord::id).toList());
        assertThat(store.storedEntriesWorthAsking()).isTrue();
    }

    @Test
    void pagesWithoutAnyStoredEntryAreReadFromSourceAndTheNextOnesGoThereDirectly() throws IOException {
        List<LogRecord> records = varied("logstash", 300, START + 8 * DAY_MS, DAY_MS);
        indexWithoutEntries(records);
        LogQuery query = LogQuery.newestFirst(LogFilter.ALL.withProjects(projects(records)), 120, 0);
        Page stored = page(query, false);
        assertThat(stored.json).isEqualTo(page(query, true).json);
        assertThat(stored.page.count()).isEqualTo(120);
        assertThat(stored.fromStoredEntries).isZero();
        assertThat(store.storedEntriesWorthAsking()).as("straight to _source for a while").isFalse();
        assertThat(page(query, false).json).isEqualTo(stored.json);
    }

    @Test
    void anIndexFromATemplateWithoutTheFieldIsWrittenWithoutItAndReadCorrectly() throws IOException {
        long day = START + 10 * DAY_MS;
        String index = IndexNames.dailyIndex(day);
        // the template as it was before entries, for this one index (it outranks the installed one), then gone
        ObjectNode old = (ObjectNode) MAPPER.readTree(SchemaResources.indexTemplateJson());
        ObjectNode mappings = (ObjectNode) old.path("template").path("mappings");
        mappings.remove("_source");
        ((ObjectNode) mappings.path("properties")).remove(StoredEntry.FIELD);
        old.set("index_patterns", MAPPER.createArrayNode().add(index));
        old.put("priority", 500);
        Request template = new Request("PUT", "/_index_template/stored-entry-it-old");
        template.setEntity(new StringEntity(old.toString(), ContentType.APPLICATION_JSON));
        connection.restClient().performRequest(template);
        connection.restClient().performRequest(new Request("PUT", "/" + index));
        connection.restClient().performRequest(new Request("DELETE", "/_index_template/stored-entry-it-old"));
        indices.add(index);

        List<LogRecord> records = varied("oldtemplate", 200, day, DAY_MS / 2);
        // the same indexer as the other tests': its answers about other indices do not hold for this one
        BulkResult result = indexer.index(records);
        assertThat(result.rejected()).isEmpty();
        store.refresh();
        JsonNode mapping = json(new Request("GET", "/" + index + "/_mapping"));
        assertThat(mapping.path(index).path("mappings").path("properties").has(StoredEntry.FIELD)).isFalse();
        JsonNode doc = json(new Request("GET", "/" + index + "/_doc/" + records.get(0).id()));
        assertThat(doc.path("_source").has(StoredEntry.FIELD)).isFalse();

        LogQuery query = LogQuery.newestFirst(LogFilter.ALL.withProjects(projects(records)), 200, 0);
        Page stored = page(query, false);
        assertThat(stored.json).isEqualTo(page(query, true).json);
        assertThat(stored.page.count()).isEqualTo(200);
    }

    @Test
    void aStoredEntryNeverAnswersForBodies() {
        StoredEntry entry = new StoredEntry();
        byte[] bytes = "{\"id\":1,\"tsMs\":2,\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        assertThat(entry.set(bytes, 0, bytes.length)).isTrue();
        assertThatThrownBy(() -> entry.write(MAPPER.createGenerator(new ByteArrayOutputStream()), true, false))
                .isInstanceOf(IllegalStateException.class);
    }

    /** A page as the API writes its entries, and how many of its hits were stored entries. */
    private record Page(String json, EntrySearch.EntryPage page, int fromStoredEntries, List<Long> ids) {
    }

    private Page page(LogQuery query, boolean withBodies) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] stored = {0};
        List<Long> ids = new ArrayList<>();
        EntrySearch.EntryPage page;
        try (JsonGenerator gen = MAPPER.createGenerator(out)) {
            gen.writeStartArray();
            page = store.searchEntries(query, withBodies, (ApiEntrySource hit) -> {
                if (hit instanceof StoredEntry) {
                    stored[0]++;
                }
                ids.add(hit.id());
                assertThat(hit.projectId()).isNotNull();
                // the entries without bodies, whichever path: the bodies path must give the same page
                hit.write(gen, false, false);
            });
            gen.writeEndArray();
        }
        return new Page(out.toString(StandardCharsets.UTF_8), page, stored[0], ids);
    }

    /** Varied records (hostile text included) with unique ids, spread over {@code spanMs} from {@code startMs}. */
    private static List<LogRecord> varied(String tag, int count, long startMs, long spanMs) {
        Random random = new Random(tag.hashCode());
        IdGenerator ids = new IdGenerator(7);
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LogRecord r = EntryTranscodingTest.record(random, i);
            records.add(r.toBuilder().id(ids.nextId()).tsMs(startMs + (long) (random.nextDouble() * spanMs))
                    .projectId(tag + "_" + (r.projectId() == null ? "p" : r.projectId())).build());
        }
        return records;
    }

    private static Set<String> projects(List<LogRecord> records) {
        Set<String> projects = new java.util.HashSet<>();
        records.forEach(r -> projects.add(r.projectId()));
        return projects;
    }

    private void index(List<LogRecord> records) {
        records.forEach(r -> indices.add(IndexNames.dailyIndex(r.tsMs())));
        BulkResult result = indexer.index(records);
        assertThat(result.rejected()).isEmpty();
        assertThat(result.indexed()).isEqualTo(records.size());
        store.refresh();
    }

    /** As the Logstash output writes them: each record's ECS document, nothing else. */
    private void indexWithoutEntries(List<LogRecord> records) throws IOException {
        StringBuilder body = new StringBuilder();
        records.forEach(r -> indices.add(IndexNames.dailyIndex(r.tsMs())));
        for (LogRecord r : records) {
            body.append("{\"index\":{\"_index\":\"").append(IndexNames.dailyIndex(r.tsMs())).append("\",\"_id\":\"")
                    .append(r.id()).append("\"}}\n").append(MAPPER.writeValueAsString(EcsCodec.toDocument(r)))
                    .append('\n');
        }
        Request bulk = new Request("POST", "/_bulk");
        bulk.addParameter("refresh", "true");
        bulk.setEntity(new StringEntity(body.toString(), ContentType.create("application/x-ndjson", StandardCharsets.UTF_8)));
        JsonNode answer = MAPPER.readTree(EntityUtils.toString(connection.restClient().performRequest(bulk).getEntity()));
        assertThat(answer.path("errors").asBoolean()).as("%s", answer).isFalse();
    }

    private JsonNode json(Request request) throws IOException {
        try {
            return MAPPER.readTree(EntityUtils.toString(connection.restClient().performRequest(request).getEntity()));
        } catch (ResponseException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
