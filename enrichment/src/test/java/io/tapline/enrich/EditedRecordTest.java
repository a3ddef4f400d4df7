package io.tapline.enrich;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EditedRecord} must answer and take edits as {@link EditedDocument} does: both run the same random reads,
 * puts and object edits on documents of every shape (objects missing, scalars or lists in their place, read-only
 * objects), the record held apart with Logstash's copy semantics. Every value read must agree, and the record with
 * the changes applied, as Logstash's setField applies them, must equal the edited document.
 */
class EditedRecordTest {

    @Test
    void readsAndEditsAsTheDocumentDoes() {
        Random random = new Random(7);
        for (int round = 0; round < 3000; round++) {
            long seed = random.nextLong();
            Map<String, Object> document = EditedDocumentTest.document(new Random(seed));
            LogstashLikeRecord record = new LogstashLikeRecord(document);
            EditedDocument expected = new EditedDocument(document);
            EditedRecord actual = new EditedRecord(record);
            for (int step = 0; step < 12; step++) {
                FieldPath path = EditedDocumentTest.FIELDS[random.nextInt(EditedDocumentTest.FIELDS.length)];
                String description = "round " + round + " step " + step + " " + path;
                switch (random.nextInt(5)) {
                    case 0:
                    case 1:
                        assertThat(actual.get(path)).as(description).isEqualTo(expected.get(path));
                        break;
                    case 2:
                    case 3:
                        Object value = EditedDocumentTest.value(random);
                        Object copy = value instanceof LinkedHashMap ? new LinkedHashMap<>((Map<?, ?>) value) : value;
                        expected.put(value, path);
                        actual.put(copy, path);
                        break;
                    default:
                        String key = random.nextBoolean() ? "route" : "slow";
                        Consumer<Map<String, Object>> edit = object -> object.put(key, "x");
                        expected.update(edit, path);
                        actual.update(edit, path);
                }
            }
            assertThat(record.apply(actual.changes())).as("round " + round).isEqualTo(document);
        }
    }

    @Test
    void asksAboutAnObjectOnlyWhenEditingUnderOneNotYetSeen() {
        Map<String, Object> document = SampleDocuments.doc("{'log':{'logger':'x'},'url':{'original':'/a'}}");
        LogstashLikeRecord record = new LogstashLikeRecord(document);
        EditedRecord edited = new EditedRecord(record);
        edited.put("/a", Ecs.URL_PATH); // url.path is not there: url itself is asked about
        edited.get(Ecs.URL_ORIGINAL);
        edited.put("warn", Ecs.LOG_LEVEL);
        assertThat(record.reads).containsExactly(Ecs.URL_PATH, Ecs.URL, Ecs.URL_ORIGINAL, Ecs.LOG_LEVEL, Ecs.LOG);
        assertThat(edited.changes()).containsExactly(Ecs.URL_PATH, Ecs.LOG_LEVEL);
    }
}
