package io.tapline.kibana;

import io.tapline.schema.SchemaResources;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields log-schema's index template maps, by dotted path (sub-fields such as {@code message.keyword}
 * included), read from the template resource itself so that no field name is copied here.
 */
final class TemplateFields {
    private static final Set<String> NUMERIC = Set.of("long", "integer", "short", "byte", "double", "float",
            "half_float", "scaled_float", "unsigned_long");

    /** One mapped field: its type, whether it is indexed (searchable) and has doc values (aggregatable). */
    record Field(String path, String type, boolean indexed, boolean docValues) {
        boolean numeric() {
            return NUMERIC.contains(type);
        }

        /** Terms buckets: keyword, ip, numbers and booleans with doc values. */
        boolean termsCapable() {
            return docValues && (type.equals("keyword") || type.equals("ip") || type.equals("boolean") || numeric());
        }

        /** Sorting in Discover needs doc values: never on text. */
        boolean sortable() {
            return docValues && !type.equals("text") && !type.equals("flattened");
        }

        /** Range comparisons in KQL ({@code >=} and friends). */
        boolean rangeCapable() {
            return indexed && (numeric() || type.equals("date") || type.equals("ip"));
        }
    }

    private final Map<String, Field> fields = new LinkedHashMap<>();

    private TemplateFields(Map<String, Object> properties) {
        collect("", properties);
    }

    /** The fields of the index template shipped in log-schema. */
    static TemplateFields fromLogSchema() {
        return new TemplateFields(properties(mappings(SchemaResources.indexTemplate())));
    }

    /** For the checker's own tests: the fields of any template body. */
    static TemplateFields of(Map<String, Object> template) {
        return new TemplateFields(properties(mappings(template)));
    }

    Optional<Field> get(String path) {
        return Optional.ofNullable(fields.get(path));
    }

    Map<String, Field> all() {
        return fields;
    }

    private void collect(String prefix, Map<String, Object> properties) {
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            String path = prefix + e.getKey();
            Map<String, Object> mapping = map(e.getValue());
            Object type = mapping.get("type");
            if (mapping.containsKey("properties")) {
                collect(path + ".", map(mapping.get("properties")));
            }
            if (type == null || type.equals("object") || type.equals("nested")) {
                continue;
            }
            add(path, mapping);
            if (mapping.containsKey("fields")) {
                for (Map.Entry<String, Object> sub : map(mapping.get("fields")).entrySet()) {
                    add(path + "." + sub.getKey(), map(sub.getValue()));
                }
            }
        }
    }

    private void add(String path, Map<String, Object> mapping) {
        String type = (String) mapping.get("type");
        boolean indexed = !Boolean.FALSE.equals(mapping.get("index"));
        // text has no doc values; every other type has them unless switched off
        boolean docValues = !type.equals("text") && !Boolean.FALSE.equals(mapping.get("doc_values"));
        fields.put(path, new Field(path, type, indexed, docValues));
    }

    private static Map<String, Object> mappings(Map<String, Object> template) {
        return map(map(template.get("template")).get("mappings"));
    }

    private static Map<String, Object> properties(Map<String, Object> mappings) {
        return map(mappings.get("properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        if (!(o instanceof Map)) {
            throw new AssertionError("index template: expected an object, got " + o);
        }
        return (Map<String, Object>) o;
    }
}
