package io.tapline.proxy.server;

import io.tapline.redact.Redactor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request headers copied into request records. Matches a header name case-insensitively against a handful
 * of names without lower-casing or copying it first: this runs for every header of every captured request.
 */
final class HeaderAllowList {
    private final String[] names;
    private final byte[][] lowerBytes;

    HeaderAllowList(Set<String> names) {
        this.names = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().sorted().toArray(String[]::new);
        this.lowerBytes = new byte[this.names.length][];
        for (int i = 0; i < this.names.length; i++) {
            lowerBytes[i] = this.names[i].getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * The allow-listed headers of {@code head}, names in lower case, values through {@code redactor}; repeated
     * headers are joined with ", ". The map is immutable ({@code Map.of}), so the record keeps it as it is: a
     * {@code LinkedHashMap} here cost the record's {@code Map.copyOf} a reflective array and a second map per
     * captured request.
     */
    Map<String, String> copy(RequestHead head, Redactor redactor) {
        String[] pairs = null; // name, value, name, value...
        int n = 0;
        for (int i = 0; i < head.lines; i++) {
            String name = match(head.buf, head.lineStart[i], head.nameEnd[i] - head.lineStart[i]);
            if (name == null) {
                continue;
            }
            String value = redactor.headerValue(name, head.value(i));
            int at = indexOf(pairs, n, name);
            if (at >= 0) {
                pairs[at + 1] = pairs[at + 1] + ", " + value;
                continue;
            }
            if (pairs == null) {
                pairs = new String[Math.min(2 * names.length, 8)];
            } else if (n == pairs.length) {
                pairs = Arrays.copyOf(pairs, 2 * n);
            }
            pairs[n++] = name;
            pairs[n++] = value;
        }
        return switch (n) {
            case 0 -> Map.of();
            case 2 -> Map.of(pairs[0], pairs[1]);
            case 4 -> Map.of(pairs[0], pairs[1], pairs[2], pairs[3]);
            case 6 -> Map.of(pairs[0], pairs[1], pairs[2], pairs[3], pairs[4], pairs[5]);
            default -> {
                @SuppressWarnings("unchecked")
                Map.Entry<String, String>[] entries = new Map.Entry[n / 2];
                for (int i = 0; i < n; i += 2) {
                    entries[i / 2] = Map.entry(pairs[i], pairs[i + 1]);
                }
                yield Map.ofEntries(entries);
            }
        };
    }

    private static int indexOf(String[] pairs, int n, String name) {
        for (int i = 0; i < n; i += 2) {
            if (pairs[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The allow-listed (lower-case) name that the header name in {@code buf[from..from+len)} is, or null. */
    String match(byte[] buf, int from, int len) {
        for (int i = 0; i < lowerBytes.length; i++) {
            if (HeadBytes.nameIs(buf, from, len, lowerBytes[i])) {
                return names[i];
            }
        }
        return null;
    }

    /** The allow-listed (lower-case) name that {@code name} is, in any case, or null. */
    String match(CharSequence name) {
        byte[] bytes = name.toString().getBytes(StandardCharsets.ISO_8859_1);
        return match(bytes, 0, bytes.length);
    }
}
