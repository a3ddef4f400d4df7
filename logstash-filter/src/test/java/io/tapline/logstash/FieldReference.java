package io.tapline.logstash;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Parses Logstash field references: {@code [a][b][c]} or a bare top-level {@code a}. */
final class FieldReference {
    private FieldReference() {
    }

    static List<String> parse(String reference) {
        if (reference == null || reference.isEmpty()) {
            throw new IllegalArgumentException("empty field reference");
        }
        if (reference.charAt(0) != '[') {
            if (reference.indexOf('[') >= 0 || reference.indexOf(']') >= 0) {
                throw new IllegalArgumentException("invalid field reference: " + reference);
            }
            return Collections.singletonList(reference);
        }
        List<String> path = new ArrayList<>();
        int i = 0;
        while (i < reference.length()) {
            int close = reference.indexOf(']', i);
            String part = close < 0 ? "" : reference.substring(i + 1, close);
            if (reference.charAt(i) != '[' || part.isEmpty() || part.indexOf('[') >= 0) {
                throw new IllegalArgumentException("invalid field reference: " + reference);
            }
            path.add(part);
            i = close + 1;
        }
        return path;
    }
}
