package io.tapline.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One Kibana saved object as it appears on a line of an export/import NDJSON file.
 *
 * @param type e.g. {@code lens}, {@code index-pattern}, {@code dashboard}
 * @param id   its stable id
 * @param json the whole object (id, type, attributes, references, migration versions); callers must not change it
 */
public record SavedObject(String type, String id, ObjectNode json) {
    public SavedObject {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(json, "json");
    }

    /** The object's {@code attributes}. */
    public ObjectNode attributes() {
        return (ObjectNode) json.get("attributes");
    }

    /** The {@code title} attribute, or the id when there is none. */
    public String title() {
        JsonNode title = attributes().get("title");
        return title != null && title.isTextual() ? title.asText() : id;
    }

    /** The objects this one refers to, in file order. */
    public List<Reference> references() {
        List<Reference> out = new ArrayList<>();
        for (JsonNode r : json.path("references")) {
            out.add(new Reference(r.path("type").asText(), r.path("id").asText(), r.path("name").asText()));
        }
        return out;
    }

    /** "lens tapline-lens-top-routes", the way setup names an object. */
    public String describe() {
        return type + " " + id;
    }

    @Override
    public String toString() {
        return describe();
    }

    /** A reference from one saved object to another: the target's type and id, under a name the source uses. */
    public record Reference(String type, String id, String name) {
    }
}
