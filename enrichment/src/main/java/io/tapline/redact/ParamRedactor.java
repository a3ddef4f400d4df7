package io.tapline.redact;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Redacts the values of secret parameters in URLs, query strings and form bodies, leaving every other byte
 * (separators, unknown parameters, malformed escapes) exactly as it was.
 */
final class ParamRedactor {
    private final SecretNames names;

    ParamRedactor(Set<String> names) {
        this.names = new SecretNames(names);
    }

    /** A path-and-query or an absolute URL: redacts secret query and fragment parameters and a userinfo password. */
    String url(String raw) {
        if (raw == null || raw.isEmpty()) {
            return raw;
        }
        TextSplice splice = new TextSplice(raw);
        redactUserinfoPassword(raw, splice);
        int hash = raw.indexOf('#');
        int end = hash < 0 ? raw.length() : hash;
        int question = raw.indexOf('?');
        if (question >= 0 && question < end) {
            redactParams(raw, question + 1, end, splice);
        }
        if (hash >= 0) {
            // OAuth implicit flows put access tokens in the fragment, so it gets the same treatment.
            redactParams(raw, hash + 1, raw.length(), splice);
        }
        return splice.result();
    }

    /** An application/x-www-form-urlencoded body (or a bare query string). */
    String params(String body) {
        if (body == null || body.isEmpty()) {
            return body;
        }
        TextSplice splice = new TextSplice(body);
        redactParams(body, 0, body.length(), splice);
        return splice.result();
    }

    private static void redactUserinfoPassword(String raw, TextSplice splice) {
        int scheme = raw.indexOf("://");
        if (scheme <= 0 || scheme > firstOf(raw, 0, "/?#")) {
            return;
        }
        int authorityStart = scheme + 3;
        int authorityEnd = firstOf(raw, authorityStart, "/?#");
        int at = raw.lastIndexOf('@', authorityEnd - 1);
        if (at < authorityStart) {
            return;
        }
        int colon = raw.indexOf(':', authorityStart);
        if (colon >= 0 && colon < at - 1) {
            splice.replace(colon + 1, at, Redactor.REDACTED);
        }
    }

    private static int firstOf(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    private void redactParams(String s, int from, int to, TextSplice splice) {
        int start = from;
        while (start <= to) {
            int end = start;
            // ';' is a pair separator for some servers; treating it as one can only redact more, never less.
            while (end < to && s.charAt(end) != '&' && s.charAt(end) != ';') {
                end++;
            }
            int eq = start;
            while (eq < end && s.charAt(eq) != '=') {
                eq++;
            }
            if (eq + 1 < end && isSecretName(s, start, eq)) {
                splice.replace(eq + 1, end, Redactor.REDACTED);
            }
            start = end + 1;
        }
    }

    /** Whether the raw name {@code s[from, to)} is secret once decoded: {@code isSecret(decodeName(...))}. */
    private boolean isSecretName(String s, int from, int to) {
        // A plain ASCII name without brackets is looked up where it stands; everything else is decoded first.
        if (to > from && s.charAt(to - 1) != ']' && SecretNames.isPlainAscii(s, from, to, '%', '+')) {
            return names.containsAscii(s, from, to);
        }
        return isSecret(decodeName(s, from, to));
    }

    /** Matches a name exactly, and Rails/PHP style {@code token[]} and {@code user[password]} forms. */
    boolean isSecret(String name) {
        if (names.contains(name)) {
            return true;
        }
        if (name.endsWith("]")) {
            int open = name.lastIndexOf('[');
            if (open >= 0) {
                String inner = name.substring(open + 1, name.length() - 1);
                return inner.isEmpty() ? names.contains(name.substring(0, open)) : names.contains(inner);
            }
        }
        return false;
    }

    /** Percent- and plus-decodes a name, keeping malformed escapes literally, then lower-cases it. */
    static String decodeName(String s, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to && plain; i++) {
            char c = s.charAt(i);
            plain = c != '%' && c != '+';
        }
        if (plain) {
            return s.substring(from, to).toLowerCase(Locale.ROOT);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int hi = i + 2 < to && c == '%' ? hex(s.charAt(i + 1)) : -1;
            int lo = hi >= 0 ? hex(s.charAt(i + 2)) : -1;
            if (lo >= 0) {
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < to ? i + 2 : i + 1;
                byte[] utf8 = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                i = end - 1;
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }

    private static int hex(char c) {
        return c < 128 ? Character.digit(c, 16) : -1; // ASCII only: other scripts' digits are not escapes
    }
}
