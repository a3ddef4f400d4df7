package io.tapline.schema;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Keeps index-template.json and {@link RecordFields} from drifting apart. */
class IndexTemplateTest {
    /** Types the embedded node has without x-pack or mapper-extras. */
    private static final Set<String> CORE_TYPES =
            Set.of("keyword", "text", "long", "integer", "short", "byte", "boolean", "date", "ip", "object", "flattened");

    private final Map<String, Object> template = SchemaResources.indexTemplate();
    private final Map<?, ?> mappings = (Map<?, ?>) ((Map<?, ?>) template.get("template")).get("mappings");

    @Test
    void everyPathOfAFullyPopulatedDocumentIsExplicitlyMappedWithAFittingType() {
        List<String> checked = new ArrayList<>();
        walk(EcsCodec.toDocument(SampleRecords.full()), mappings, "", checked);

        // Everything a full record writes, url.path and url.query included; the open enrichment object counts
        // once, whatever keys it holds.
        for (RecordField field : RecordFields.ALL) {
            for (String path : field.ecsPaths()) {
                assertThat(checked).as("%s written and checked", path).anyMatch(c -> c.equals(path) || c.startsWith(path + "."));
            }
        }
    }

    @Test
    void everyEcsPathInTheTableIsMapped() {
        for (RecordField field : RecordFields.ALL) {
            for (String path : field.ecsPaths()) {
                assertThat(mappingOf(path)).as("mapping of %s", path).isNotNull();
            }
        }
    }

    @Test
    void unknownFieldsAreRefusedRatherThanGuessed() {
        assertThat(mappings.get("dynamic")).isEqualTo("strict");
    }

    @Test
    void theEnrichmentObjectIsOpenButItsKnownFieldsAreTyped() {
        Map<?, ?> enrichment = mappingOf("tapline.enrichment");
        assertThat(enrichment.get("dynamic")).isEqualTo(false);
        for (String keyword : List.of("route", "class", "status_class", "error_class", "user_agent_class",
                "client_ip_class", "threat", "log_format", "pattern", "pattern_id")) {
            assertThat(mappingOf("tapline.enrichment." + keyword).get("type")).as(keyword).isEqualTo("keyword");
        }
        assertThat(mappingOf("tapline.enrichment.slow").get("type")).isEqualTo("boolean");
    }

    @Test
    void theFieldsTheEnricherDerivesAreMapped() {
        for (String path : List.of("url.scheme", "url.domain", "url.port", "url.extension", "user_agent.name",
                "user_agent.version", "tags", "event.original")) {
            assertThat(mappingOf(path)).as(path).isNotNull();
        }
    }

    @Test
    void usesOnlyCoreFieldTypes() {
        assertCoreTypes(mappings, "");
    }

    @Test
    void targetsTheDailyIndicesAndCarriesTheSchemaVersion() {
        assertThat(template.get("index_patterns")).isEqualTo(List.of(IndexNames.PATTERN));
        assertThat(template.get("priority")).isEqualTo(200);
        assertThat(template.get("_meta")).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) template.get("_meta")).get("tapline_schema_version")).isEqualTo(SchemaResources.SCHEMA_VERSION);
        assertThat(((Map<?, ?>) mappings.get("_meta")).get("tapline_schema_version")).isEqualTo(SchemaResources.SCHEMA_VERSION);
    }

    @Test
    void leavesLifecycleSettingsToTheStore() {
        Object settings = ((Map<?, ?>) template.get("template")).get("settings");

        assertThat(Json.write(settings)).doesNotContain("lifecycle").contains("\"number_of_shards\":1")
                .contains("\"refresh_interval\":\"1s\"");
    }

    @Test
    void theSearchableMultiFieldsExist() {
        assertThat(mappingOf("url.original")).extracting(m -> ((Map<?, ?>) m.get("fields")).get("text"))
                .isEqualTo(Map.of("type", "text"));
        assertThat(mappingOf("user_agent.original")).extracting(m -> ((Map<?, ?>) m.get("fields")).get("text"))
                .isEqualTo(Map.of("type", "text"));
        assertThat(mappingOf("message")).extracting(m -> ((Map<?, ?>) m.get("fields")).get("keyword"))
                .isEqualTo(Map.of("type", "keyword", "ignore_above", 1024));
    }

    private void walk(Map<?, ?> doc, Map<?, ?> mapping, String prefix, List<String> checked) {
        Map<?, ?> properties = (Map<?, ?>) mapping.get("properties");
        for (Map.Entry<?, ?> e : doc.entrySet()) {
            String path = prefix + e.getKey();
            Object fieldMapping = properties == null ? null : properties.get(e.getKey());
            if (fieldMapping == null && Boolean.FALSE.equals(mapping.get("dynamic"))) {
                checked.add(path); // an open object: kept in _source, not indexed, never refused
                continue;
            }
            if (!(fieldMapping instanceof Map<?, ?> m)) {
                fail("%s is written by EcsCodec but not mapped in index-template.json", path);
                return;
            }
            String type = (String) m.get("type");
            if (e.getValue() instanceof Map<?, ?> child && !"flattened".equals(type)) {
                assertThat(type).as("type of object %s", path).isIn(null, "object");
                walk(child, m, path + ".", checked);
            } else {
                assertThat(fits(type, e.getValue())).as("%s: %s holds %s", path, type, e.getValue()).isTrue();
                checked.add(path);
            }
        }
    }

    private static boolean fits(String type, Object value) {
        if (type == null) {
            return false;
        }
        return switch (type) {
            case "long", "integer", "short" -> value instanceof Long || value instanceof Integer;
            case "boolean" -> value instanceof Boolean;
            case "keyword", "text", "ip", "date" -> value instanceof String;
            case "flattened" -> value instanceof Map;
            default -> false;
        };
    }

    private Map<?, ?> mappingOf(String path) {
        Map<?, ?> node = mappings;
        for (String segment : path.split("\\.")) {
            Map<?, ?> properties = (Map<?, ?>) node.get("properties");
            if (properties == null || !(properties.get(segment) instanceof Map<?, ?> next)) {
                return null;
            }
            node = next;
        }
        return node;
    }

    private static void assertCoreTypes(Map<?, ?> node, String path) {
        if (node.get("type") instanceof String type) {
            assertThat(type).as("type of %s", path).isIn(CORE_TYPES);
        }
        for (String nested : List.of("properties", "fields")) {
            if (node.get(nested) instanceof Map<?, ?> children) {
                children.forEach((name, child) -> assertCoreTypes((Map<?, ?>) child, path + "." + name));
            }
        }
    }
}
