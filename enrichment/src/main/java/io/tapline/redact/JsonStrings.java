package io.tapline.redact;

/** The two pieces of JSON string syntax the redactors need: where a string ends and what its content says. */
final class JsonStrings {
    private JsonStrings() {
    }

    /** Index of the quote that closes the string opened by the {@code quote} char at {@code open}, or -1 if cut off. */
    static int closingQuote(String s, int open, int limit) {
        char quote = s.charAt(open);
        int i = open + 1;
        while (i < limit) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Decodes escapes in {@code [from, to)}; malformed escapes are kept as written, never rejected. */
    static String decode(String s, int from, int to) {
        int backslash = from;
        while (backslash < to && s.charAt(backslash) != '\\') {
            backslash++; // bounded by `to`, unlike indexOf, which keeps the whole scan linear
        }
        if (backslash == to) {
            return s.substring(from, to);
        }
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= to) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            if (e == 'n') {
                out.append('\n');
            } else if (e == 't') {
                out.append('\t');
            } else if (e == 'r') {
                out.append('\r');
            } else if (e == 'b') {
                out.append('\b');
            } else if (e == 'f') {
                out.append('\f');
            } else if (e == 'u') {
                int code = i + 4 < to ? hex4(s, i + 1) : -1;
                if (code >= 0) {
                    out.append((char) code);
                    i += 4;
                } else {
                    out.append('\\').append('u');
                }
            } else {
                out.append(e); // \" \\ \/ and lenient unknown escapes
            }
        }
        return out.toString();
    }

    /** The content of a JSON string saying {@code text}: quotes, backslashes and control chars escaped. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int hex4(String s, int at) {
        int value = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(s.charAt(at + k), 16);
            if (d < 0) {
                return -1;
            }
            value = value * 16 + d;
        }
        return value;
    }
}
