package io.tapline.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects every field use of a set of saved objects: Lens columns, column filters and queries, saved searches'
 * columns, sorts and queries, the data view's time field and formats, dashboard queries. Anything it does not know
 * how to read (a new operation, a pinned filter) is an error, so that no field use escapes the check unseen.
 */
final class FieldUses {
    static final String RECORDS = "___records___";
    private static final Set<String> NUMERIC_OPERATIONS = Set.of("percentile", "average", "median", "sum", "min",
            "max", "standard_deviation", "percentile_rank");
    private static final Set<String> NUMBER_FORMATS = Set.of("duration", "number", "bytes", "percent");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<FieldUse> uses = new ArrayList<>();

    private FieldUses() {
    }

    static List<FieldUse> of(List<SavedObject> objects) {
        FieldUses c = new FieldUses();
        for (SavedObject o : objects) {
            switch (o.type()) {
                case "index-pattern" -> c.dataView(o);
                case "search" -> c.search(o);
                case "lens" -> c.lens(o);
                case "dashboard" -> c.dashboard(o);
                default -> throw new IllegalArgumentException(o.describe() + ": type not checked by FieldUses");
            }
        }
        return List.copyOf(c.uses);
    }

    private void dataView(SavedObject o) {
        JsonNode a = o.attributes();
        add(o, "timeFieldName", a.path("timeFieldName").asText(), FieldUse.Use.TIME_FIELD, null);
        JsonNode formats = embedded(o, a.path("fieldFormatMap"));
        for (Iterator<Map.Entry<String, JsonNode>> it = formats.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getValue().path("id").asText();
            add(o, "fieldFormatMap", e.getKey(),
                    NUMBER_FORMATS.contains(id) ? FieldUse.Use.NUMBER_FORMAT : FieldUse.Use.DISPLAY, null);
        }
        for (Iterator<String> it = embedded(o, a.path("fieldAttrs")).fieldNames(); it.hasNext(); ) {
            add(o, "fieldAttrs", it.next(), FieldUse.Use.DISPLAY, null);
        }
    }

    private void search(SavedObject o) {
        JsonNode a = o.attributes();
        for (JsonNode column : a.path("columns")) {
            add(o, "columns", column.asText(), FieldUse.Use.DISPLAY, null);
        }
        for (JsonNode sort : a.path("sort")) {
            add(o, "sort", sort.path(0).asText(), FieldUse.Use.SORT, null);
        }
        searchSource(o, a.path("kibanaSavedObjectMeta").path("searchSourceJSON"));
    }

    private void dashboard(SavedObject o) {
        searchSource(o, o.attributes().path("kibanaSavedObjectMeta").path("searchSourceJSON"));
    }

    private void searchSource(SavedObject o, JsonNode json) {
        JsonNode source = embedded(o, json);
        noFilters(o, source.path("filter"));
        kql(o, "query", source.path("query"));
    }

    private void lens(SavedObject o) {
        JsonNode state = o.attributes().path("state");
        kql(o, "query", state.path("query"));
        noFilters(o, state.path("filters"));
        JsonNode layers = state.path("datasourceStates").path("formBased").path("layers");
        for (Iterator<Map.Entry<String, JsonNode>> it = layers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> layer = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> cols = layer.getValue().path("columns").fields(); cols.hasNext(); ) {
                Map.Entry<String, JsonNode> col = cols.next();
                column(o, "column " + col.getKey(), col.getValue());
            }
        }
    }

    private void column(SavedObject o, String where, JsonNode column) {
        String op = column.path("operationType").asText();
        String field = column.path("sourceField").asText(null);
        String dataType = column.path("dataType").asText(null);
        switch (op) {
            case "date_histogram" -> add(o, where, field, FieldUse.Use.DATE_HISTOGRAM, dataType);
            case "terms" -> add(o, where, field, FieldUse.Use.TERMS, dataType);
            case "count" -> {
                if (!RECORDS.equals(field)) {
                    add(o, where, field, FieldUse.Use.TERMS, null); // a value count needs doc values too
                }
            }
            case "formula", "math" -> {
                // no field of their own: they combine the layer's other columns, which are checked themselves
            }
            default -> {
                if (!NUMERIC_OPERATIONS.contains(op)) {
                    throw new IllegalArgumentException(o.describe() + " " + where + ": operation '" + op
                            + "' is not checked by FieldUses");
                }
                add(o, where, field, FieldUse.Use.NUMERIC_METRIC, dataType);
            }
        }
        if (column.has("filter")) {
            kql(o, where + " filter", column.path("filter"));
        }
    }

    private void kql(SavedObject o, String where, JsonNode query) {
        if (query.isMissingNode()) {
            return;
        }
        if (!"kuery".equals(query.path("language").asText())) {
            throw new IllegalArgumentException(o.describe() + " " + where + ": only KQL queries are checked");
        }
        for (Kql.Comparison c : Kql.comparisons(query.path("query").asText())) {
            add(o, where, c.field(), c.range() ? FieldUse.Use.KQL_RANGE : FieldUse.Use.KQL_MATCH, null);
        }
    }

    private static void noFilters(SavedObject o, JsonNode filters) {
        if (filters.size() > 0) {
            throw new IllegalArgumentException(o.describe() + ": pinned filters are not checked by FieldUses");
        }
    }

    private void add(SavedObject o, String where, String field, FieldUse.Use use, String dataType) {
        if (field == null || field.isEmpty()) {
            throw new IllegalArgumentException(o.describe() + " " + where + ": " + use + " without a field");
        }
        uses.add(new FieldUse(o.describe(), where, field, use, dataType));
    }

    private static JsonNode embedded(SavedObject o, JsonNode json) {
        if (json.isMissingNode() || json.isNull()) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(json.asText());
        } catch (IOException e) {
            throw new IllegalArgumentException(o.describe() + ": embedded JSON does not parse: " + json.asText());
        }
    }
}
