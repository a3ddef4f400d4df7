package io.tapline.enrich;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EditedDocument} reads through the objects it has looked up and puts straight into them; the plain
 * {@link Documents} walk from the root is the reference. Both run the same random edits on documents of every
 * shape (objects missing, scalars or lists in their place, read-only objects at any depth) and must agree after
 * every step: on each value read, on the document and on the top-level fields reported changed.
 */
class EditedDocumentTest {
    static final FieldPath[] FIELDS = {Ecs.URL_ORIGINAL, Ecs.URL_PATH, Ecs.URL_QUERY, Ecs.URL_EXTENSION,
            Ecs.HTTP_REQUEST_METHOD, Ecs.HTTP_REQUEST_BODY, Ecs.HTTP_RESPONSE_STATUS_CODE, Ecs.HTTP_RESPONSE_BODY,
            Ecs.MESSAGE, Ecs.LOG_LEVEL, Ecs.USER_AGENT_NAME, Ecs.TAPLINE_ENRICHMENT, Ecs.TAPLINE_KIND,
            Ecs.CLIENT_IP};
    private static final FieldPath[] OBJECTS = {Ecs.URL, Ecs.HTTP, Ecs.HTTP_REQUEST, Ecs.HTTP_REQUEST_BODY_OBJECT,
            Ecs.HTTP_RESPONSE, Ecs.LOG, Ecs.USER_AGENT, Ecs.TAPLINE, Ecs.CLIENT};

    @Test
    void readsAndPutsAsTheWalkFromTheRootDoes() {
        Random random = new Random(42);
        for (int round = 0; round < 3000; round++) {
            long seed = random.nextLong();
            Map<String, Object> expected = document(new Random(seed));
            Map<String, Object> actual = document(new Random(seed));
            assertThat(actual).isEqualTo(expected);
            EditedDocument edited = new EditedDocument(actual);
            List<String> changed = new ArrayList<>();
            for (int step = 0; step < 12; step++) {
                FieldPath path = FIELDS[random.nextInt(FIELDS.length)];
                String description = "round " + round + " step " + step + " " + String.join(".", path.keys);
                switch (random.nextInt(6)) {
                    case 0:
                    case 1:
                        assertThat(edited.get(path)).as(description).isEqualTo(Documents.get(expected, path.keys));
                        break;
                    case 2:
                    case 3:
                        Object value = value(random);
                        // Each document gets its own mutable object, so that an edit of one shows in one only.
                        Object copy = value instanceof LinkedHashMap ? new LinkedHashMap<>((Map<?, ?>) value) : value;
                        edited.put(value, path);
                        if (Documents.putIfChanged(expected, copy, path.keys) && !changed.contains(path.keys[0])) {
                            changed.add(path.keys[0]);
                        }
                        break;
                    case 4:
                        // As the enricher's own fields are written: an edit of the object at the path.
                        String key = random.nextBoolean() ? "route" : "slow";
                        java.util.function.Consumer<Map<String, Object>> edit = object -> object.put(key, "x");
                        edited.update(edit, path);
                        if (Documents.update(expected, edit, path.keys) && !changed.contains(path.keys[0])) {
                            changed.add(path.keys[0]);
                        }
                        break;
                    default:
                        edited.remove(path);
                        if (Documents.remove(expected, path.keys) && !changed.contains(path.keys[0])) {
                            changed.add(path.keys[0]);
                        }
                }
                assertThat(actual).as(description).isEqualTo(expected);
                assertThat(edited.changedFields()).as(description).isEqualTo(changed);
            }
        }
    }

    @Test
    void seesAnObjectAPutHasCreated() {
        Map<String, Object> document = new LinkedHashMap<>();
        EditedDocument edited = new EditedDocument(document);
        assertThat(edited.get(Ecs.USER_AGENT_NAME)).isNull(); // "user_agent" looked up: not there
        edited.put("curl", Ecs.USER_AGENT_NAME);
        edited.put("8.0", Ecs.USER_AGENT_VERSION);
        assertThat(edited.get(Ecs.USER_AGENT_NAME)).isEqualTo("curl");
        assertThat(document).isEqualTo(Map.of("user_agent", Map.of("name", "curl", "version", "8.0")));
        assertThat(edited.changedFields()).containsExactly("user_agent");
    }

    @Test
    void writesIntoACopyOfAReadOnlyObjectItHasReadFrom() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("url", Map.of("original", "/a.json"));
        EditedDocument edited = new EditedDocument(document);
        assertThat(edited.string(Ecs.URL_ORIGINAL)).isEqualTo("/a.json");
        edited.put("json", Ecs.URL_EXTENSION);
        edited.put("/a.json", Ecs.URL_PATH);
        assertThat(document.get("url")).isEqualTo(Map.of("original", "/a.json", "extension", "json",
                "path", "/a.json"));
        assertThat(edited.string(Ecs.URL_PATH)).isEqualTo("/a.json");
    }

    /** A document with each object present, missing, a scalar, a list, read-only or mutable, at random. */
    static Map<String, Object> document(Random random) {
        Map<String, Object> document = new LinkedHashMap<>();
        for (FieldPath object : OBJECTS) {
            int shape = random.nextInt(6);
            if (shape == 0) {
                continue;
            }
            Object node = shape == 1 ? "scalar" : shape == 2 ? List.of("a") : new LinkedHashMap<String, Object>();
            Object parent = Documents.get(document, java.util.Arrays.copyOf(object.keys, object.keys.length - 1));
            if (object.parent == null) {
                parent = document;
            }
            if (parent instanceof Map && !((Map<?, ?>) parent).containsKey(object.key)) {
                try {
                    Documents.cast(parent).put(object.key, node);
                } catch (UnsupportedOperationException readOnly) {
                    continue;
                }
            }
        }
        for (FieldPath field : FIELDS) {
            if (random.nextBoolean()) {
                Object parent = field.parent == null ? document : Documents.get(document, field.parent.keys);
                if (parent instanceof Map) {
                    Documents.cast(parent).put(field.key, value(random));
                }
            }
        }
        // Then some objects become read-only, from the leaves up, so a read-only one may hold mutable ones.
        for (int i = OBJECTS.length - 1; i >= 0; i--) {
            FieldPath object = OBJECTS[i];
            Object parent = object.parent == null ? document : Documents.get(document, object.parent.keys);
            if (parent instanceof Map && random.nextInt(3) == 0) {
                Object node = ((Map<?, ?>) parent).get(object.key);
                if (node instanceof Map) {
                    try {
                        Documents.cast(parent).put(object.key, Collections.unmodifiableMap(Documents.cast(node)));
                    } catch (UnsupportedOperationException readOnly) {
                        // its parent is read-only already
                    }
                }
            }
        }
        return document;
    }

    static Object value(Random random) {
        switch (random.nextInt(6)) {
            case 0:
                return "a";
            case 1:
                return "b";
            case 2:
                return 200;
            case 3:
                return new LinkedHashMap<>(Map.of("k", "v"));
            case 4:
                return Map.of("k", "v");
            default:
                return List.of("x");
        }
    }
}
