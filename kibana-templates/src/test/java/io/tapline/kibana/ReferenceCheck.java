package io.tapline.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves every reference between saved objects the way Kibana does: a reference names an object of the bundle;
 * a Lens layer finds its data view under {@code indexpattern-datasource-layer-<layerId>}; a saved search finds it
 * under its {@code indexRefName}; a dashboard panel finds its object under {@code <panelIndex>:<panelRefName>}.
 * Reports each problem as a sentence.
 */
final class ReferenceCheck {
    static final int GRID_COLUMNS = 48;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReferenceCheck() {
    }

    static List<String> problems(List<SavedObject> objects) {
        List<String> out = new ArrayList<>();
        Set<String> present = objects.stream().map(o -> o.type() + "/" + o.id()).collect(Collectors.toSet());
        for (SavedObject o : objects) {
            Set<String> names = new HashSet<>();
            for (SavedObject.Reference r : o.references()) {
                if (!present.contains(r.type() + "/" + r.id())) {
                    out.add(o.describe() + ": reference " + r.name() + " -> " + r.type() + " " + r.id()
                            + " is not in the bundle");
                }
                if (!names.add(r.name())) {
                    out.add(o.describe() + ": reference name " + r.name() + " is used twice");
                }
            }
            Set<String> used = switch (o.type()) {
                case "lens" -> lens(o, out);
                case "search" -> search(o, out);
                case "dashboard" -> dashboard(o, out);
                default -> Set.of();
            };
            for (String name : names) {
                if (!used.contains(name)) {
                    out.add(o.describe() + ": reference " + name + " is used by nothing");
                }
            }
        }
        return out;
    }

    private static Set<String> lens(SavedObject o, List<String> out) {
        Set<String> used = new HashSet<>();
        JsonNode layers = o.attributes().path("state").path("datasourceStates").path("formBased").path("layers");
        if (layers.size() == 0) {
            out.add(o.describe() + ": no formBased layer");
        }
        for (Iterator<String> it = layers.fieldNames(); it.hasNext(); ) {
            String name = "indexpattern-datasource-layer-" + it.next();
            used.add(name);
            requireReference(o, name, "index-pattern", out);
        }
        return used;
    }

    private static Set<String> search(SavedObject o, List<String> out) {
        JsonNode source = parse(o, o.attributes().path("kibanaSavedObjectMeta").path("searchSourceJSON").asText());
        String name = source.path("indexRefName").asText(null);
        if (name == null) {
            out.add(o.describe() + ": its search source names no indexRefName");
            return Set.of();
        }
        requireReference(o, name, "index-pattern", out);
        return Set.of(name);
    }

    private static Set<String> dashboard(SavedObject o, List<String> out) {
        Set<String> used = new HashSet<>();
        JsonNode panels = parse(o, o.attributes().path("panelsJSON").asText());
        List<int[]> boxes = new ArrayList<>();
        Set<String> indices = new HashSet<>();
        for (JsonNode panel : panels) {
            String index = panel.path("panelIndex").asText();
            JsonNode grid = panel.path("gridData");
            if (!indices.add(index) || !index.equals(grid.path("i").asText())) {
                out.add(o.describe() + ": panel " + index + " is not uniquely identified (panelIndex = gridData.i)");
            }
            String name = index + ":" + panel.path("panelRefName").asText();
            used.add(name);
            requireReference(o, name, panel.path("type").asText(), out);
            int[] box = {grid.path("x").asInt(), grid.path("y").asInt(), grid.path("w").asInt(), grid.path("h").asInt()};
            if (box[0] < 0 || box[1] < 0 || box[2] <= 0 || box[3] <= 0 || box[0] + box[2] > GRID_COLUMNS) {
                out.add(o.describe() + ": panel " + index + " does not fit the " + GRID_COLUMNS + "-column grid");
            }
            for (int[] other : boxes) {
                if (box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                        && box[1] < other[1] + other[3] && other[1] < box[1] + box[3]) {
                    out.add(o.describe() + ": panel " + index + " overlaps another panel");
                }
            }
            boxes.add(box);
        }
        return used;
    }

    private static void requireReference(SavedObject o, String name, String type, List<String> out) {
        List<SavedObject.Reference> matches = o.references().stream().filter(r -> r.name().equals(name)).toList();
        if (matches.isEmpty()) {
            out.add(o.describe() + ": no reference named " + name);
        } else if (!matches.get(0).type().equals(type)) {
            out.add(o.describe() + ": reference " + name + " is a " + matches.get(0).type() + ", expected " + type);
        }
    }

    private static JsonNode parse(SavedObject o, String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(o.describe() + ": embedded JSON does not parse: " + json);
        }
    }

    /** The objects a dashboard's panels show, as "type/id". */
    static Set<String> panelTargets(SavedObject dashboard) {
        Map<String, SavedObject.Reference> byName = dashboard.references().stream()
                .collect(Collectors.toMap(SavedObject.Reference::name, r -> r));
        Set<String> out = new HashSet<>();
        for (JsonNode panel : parse(dashboard, dashboard.attributes().path("panelsJSON").asText())) {
            SavedObject.Reference r = byName.get(panel.path("panelIndex").asText() + ":" + panel.path("panelRefName").asText());
            if (r != null) {
                out.add(r.type() + "/" + r.id());
            }
        }
        return out;
    }
}
