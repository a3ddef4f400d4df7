package io.tapline.kibana;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The shipped objects, and edited copies of them for tests that show a check can fail. */
final class Bundle {
    private Bundle() {
    }

    static List<SavedObject> shipped() {
        return KibanaObjects.all();
    }

    static SavedObject get(String type, String id) {
        return shipped().stream().filter(o -> o.type().equals(type) && o.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " " + id + " in " + KibanaObjects.RESOURCE));
    }

    /** A copy of the shipped bundle in which one object was edited. */
    static List<SavedObject> withEdited(String type, String id, Consumer<ObjectNode> edit) {
        List<SavedObject> out = new ArrayList<>();
        for (SavedObject o : shipped()) {
            if (o.type().equals(type) && o.id().equals(id)) {
                ObjectNode copy = o.json().deepCopy();
                edit.accept(copy);
                out.add(new SavedObject(type, id, copy));
            } else {
                out.add(o);
            }
        }
        return out;
    }

    /** The column {@code columnId} of a Lens object's only layer, for editing. */
    static ObjectNode lensColumn(ObjectNode lens, String columnId) {
        ObjectNode layers = (ObjectNode) lens.path("attributes").path("state").path("datasourceStates")
                .path("formBased").path("layers");
        return (ObjectNode) layers.elements().next().path("columns").path(columnId);
    }
}
