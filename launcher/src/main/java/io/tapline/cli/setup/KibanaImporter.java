package io.tapline.cli.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.kibana.KibanaObjects;
import io.tapline.kibana.SavedObject;
import io.tapline.store.InstallReport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings Kibana's copies of Tapline's saved objects up to date: looks up what Kibana holds, imports (with
 * {@code overwrite=true}) only the objects that are missing or differ, and reports each object as created, updated
 * or unchanged. Run twice, the second run imports nothing.
 */
final class KibanaImporter {
    private final KibanaClient client;
    private final SavedObjectMatch match;

    KibanaImporter(KibanaClient client, ObjectMapper mapper) {
        this.client = client;
        this.match = new SavedObjectMatch(mapper);
    }

    InstallReport sync(List<SavedObject> objects) {
        Map<String, JsonNode> existing = client.bulkGet(objects);
        List<SavedObject> stale = new ArrayList<>();
        for (SavedObject o : objects) {
            JsonNode current = existing.get(key(o.type(), o.id()));
            if (current == null || !match.matches(o.json(), current)) {
                stale.add(o);
            }
        }
        if (!stale.isEmpty()) {
            JsonNode answer = client.importNdjson(KibanaObjects.RESOURCE,
                    KibanaObjects.toNdjson(stale).getBytes(StandardCharsets.UTF_8));
            check(answer, stale);
        }
        List<InstallReport.Step> steps = new ArrayList<>();
        for (SavedObject o : objects) {
            InstallReport.Outcome outcome = !stale.contains(o) ? InstallReport.Outcome.UNCHANGED
                    : existing.containsKey(key(o.type(), o.id())) ? InstallReport.Outcome.UPDATED
                    : InstallReport.Outcome.CREATED;
            steps.add(new InstallReport.Step("Kibana " + o.describe(), outcome, o.title()));
        }
        return new InstallReport(steps);
    }

    /** Throws unless Kibana says it imported every object sent. */
    private static void check(JsonNode answer, List<SavedObject> sent) {
        List<String> refused = new ArrayList<>();
        for (JsonNode error : answer.path("errors")) {
            refused.add(error.path("type").asText() + " " + error.path("id").asText() + ": " + reason(error.path("error")));
        }
        if (!answer.path("success").asBoolean(false) || !refused.isEmpty()) {
            throw new KibanaException("Kibana refused " + (refused.isEmpty() ? "the import" : refused.size() + " of "
                    + sent.size() + " saved objects: " + String.join("; ", refused)));
        }
        Set<String> imported = new HashSet<>();
        answer.path("successResults").forEach(r -> imported.add(key(r.path("type").asText(), r.path("id").asText())));
        List<String> missing = sent.stream().map(o -> key(o.type(), o.id())).filter(k -> !imported.contains(k)).toList();
        if (!missing.isEmpty()) {
            throw new KibanaException("Kibana reported success but did not import " + String.join(", ", missing));
        }
    }

    private static String reason(JsonNode error) {
        String type = error.path("type").asText("unknown");
        return switch (type) {
            case "missing_references" -> {
                List<String> refs = new ArrayList<>();
                error.path("references").forEach(r -> refs.add(r.path("type").asText() + " " + r.path("id").asText()));
                yield "missing references " + String.join(", ", refs);
            }
            case "unsupported_type" -> "unsupported type (is this Kibana 8.9 or newer?)";
            case "conflict", "ambiguous_conflict" -> type.replace('_', ' ');
            default -> type + (error.has("message") ? " " + error.path("message").asText() : "")
                    + (error.has("statusCode") ? " (" + error.path("statusCode").asInt() + ")" : "");
        };
    }

    private static String key(String type, String id) {
        return type + "/" + id;
    }
}
