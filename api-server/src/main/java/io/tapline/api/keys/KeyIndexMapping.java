package io.tapline.api.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Settings and the explicit, strict mapping of the API key index: a field that is not listed here is refused
 * by Elasticsearch rather than silently mapped. The salt and hash are stored but not indexed (nobody searches
 * by them).
 */
final class KeyIndexMapping {

    private KeyIndexMapping() {
    }

    static ObjectNode body(ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode settings = body.putObject("settings");
        settings.put("number_of_shards", 1);
        settings.put("auto_expand_replicas", "0-1");
        settings.put("hidden", true);
        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", "strict");
        ObjectNode properties = mappings.putObject("properties");
        keyword(properties, "id");
        keyword(properties, "name");
        keyword(properties, "role");
        keyword(properties, "projects");
        date(properties, "created");
        date(properties, "lastUsed");
        date(properties, "revokedAt");
        properties.putObject("salt").put("type", "keyword").put("index", false).put("doc_values", false);
        properties.putObject("hash").put("type", "keyword").put("index", false).put("doc_values", false);
        return body;
    }

    private static void keyword(ObjectNode properties, String name) {
        properties.putObject(name).put("type", "keyword");
    }

    private static void date(ObjectNode properties, String name) {
        properties.putObject(name).put("type", "date");
    }
}
