package io.tapline.logstash;

import io.tapline.enrich.FieldPath;

import java.util.List;

/** The Logstash field reference of each field the enrichment core reads or writes, made once. */
final class FieldReferences {
    private static final String[] REFERENCES = references(FieldPath.all());

    private FieldReferences() {
    }

    /** {@code [url][original]} for {@code url.original}. */
    static String of(FieldPath path) {
        return REFERENCES[path.index()];
    }

    /** {@code [key]}: the reference of a top-level field. */
    static String topLevel(String key) {
        return "[" + key + "]";
    }

    private static String[] references(List<FieldPath> paths) {
        String[] references = new String[paths.size()];
        for (FieldPath path : paths) {
            references[path.index()] = "[" + String.join("][", path.keys()) + "]";
        }
        return references;
    }
}
