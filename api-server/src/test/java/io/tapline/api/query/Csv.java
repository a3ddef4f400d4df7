package io.tapline.api.query;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF record ends. */
final class Csv {
    private Csv() {
    }

    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                if (field.length() > 0) {
                    throw new IllegalArgumentException("quote inside an unquoted field at " + i);
                }
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    throw new IllegalArgumentException("bare CR at " + i);
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else if (c == '\n') {
                throw new IllegalArgumentException("bare LF at " + i);
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted || field.length() > 0 || !row.isEmpty()) {
            throw new IllegalArgumentException("the last record does not end with CRLF");
        }
        return rows;
    }
}
