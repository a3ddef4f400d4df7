package io.tapline.cli.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Whether the saved object Kibana holds already is the one Tapline ships. Every attribute Tapline sets must be
 * there with the same value; JSON kept in strings ({@code panelsJSON}, {@code searchSourceJSON}) is compared as
 * JSON; what Kibana adds on its own (defaults, bookkeeping) is ignored. References must be the same set.
 */
final class SavedObjectMatch {
    private final ObjectMapper mapper;

    SavedObjectMatch(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    boolean matches(JsonNode shipped, JsonNode existing) {
        return covers(shipped.path("attributes"), existing.path("attributes"))
                && references(shipped).equals(references(existing));
    }

    /** True when {@code have} holds everything {@code want} holds. */
    boolean covers(JsonNode want, JsonNode have) {
        if (want.isObject()) {
            if (!have.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!have.has(e.getKey()) || !covers(e.getValue(), have.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (want.isArray()) {
            if (!have.isArray() || have.size() != want.size()) {
                return false;
            }
            for (int i = 0; i < want.size(); i++) {
                if (!covers(want.get(i), have.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (want.isTextual() && have.isTextual()) {
            JsonNode wantJson = embeddedJson(want.asText());
            JsonNode haveJson = embeddedJson(have.asText());
            if (wantJson != null && haveJson != null) {
                return covers(wantJson, haveJson);
            }
        }
        if (want.isNumber() && have.isNumber()) {
            return want.decimalValue().compareTo(have.decimalValue()) == 0;
        }
        return want.equals(have);
    }

    private JsonNode embeddedJson(String s) {
        String t = s.strip();
        if (!(t.startsWith("{") || t.startsWith("["))) {
            return null;
        }
        try {
            return mapper.readTree(t);
        } catch (IOException e) {
            return null;
        }
    }

    private static Set<String> references(JsonNode object) {
        Set<String> out = new HashSet<>();
        for (JsonNode r : object.path("references")) {
            out.add(r.path("type").asText() + "/" + r.path("id").asText() + "/" + r.path("name").asText());
        }
        return out;
    }
}
