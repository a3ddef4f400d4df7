package io.tapline.redact;

import java.util.Locale;
import java.util.Set;

/**
 * Replaces the value of every object field with a secret name, at any depth, by {@code "[REDACTED]"} in one
 * linear pass over the text. Input cut off anywhere (a capped body) is fine: a secret value that reaches the end
 * is redacted to the end. Input that is not JSON goes to the structure-agnostic {@link SecretScrubber}.
 *
 * <p>A string value can carry a document of its own: JSON serialized into a field ({@code "payload":
 * "{\"password\":\"p\"}"}), a form or query string, header lines, XML. A string where a secret name may stand
 * ({@link SecretScrubber#mayFindSecret}) is decoded and redacted as JSON when it looks like JSON, and by the text
 * scrubber otherwise; when that changes it, it goes back re-encoded. Escaping doubles at each level of nesting,
 * so the levels are few for any body size.
 */
final class JsonRedactor {
    static final String MARKER = "\"" + Redactor.REDACTED + "\"";

    private static final int EXPECT_VALUE = 0;
    private static final int AFTER_VALUE = 1;
    private static final int EXPECT_KEY = 2;
    private static final int EXPECT_COLON = 3;
    private static final int INVALID = -1;

    private final SecretNames names;
    private final int maxRawNameLength;
    private final SecretScrubber fallback;
    /** For strings within the document that are not JSON themselves. */
    private final SecretScrubber text;

    /**
     * @param names field names whose values are secret
     * @param text  the scrubber for text found inside string values (form and query strings, header lines)
     */
    JsonRedactor(Set<String> names, SecretScrubber text) {
        this.names = new SecretNames(names);
        this.text = text;
        // A \\uXXXX escape takes 6 chars per name char; longer keys cannot be secret names and are not decoded.
        this.maxRawNameLength = 6 * names.stream().mapToInt(String::length).max().orElse(0);
        this.fallback = new SecretScrubber(names, Set.of(), true);
    }

    String redact(String json) {
        if (json == null || json.isEmpty() || names.isEmpty()) {
            return json;
        }
        String out = new Pass(json).run();
        return out != null ? out : fallback.scrub(json);
    }

    /** One scan of one document; returns null when the text is not JSON. */
    private final class Pass {
        private final String s;
        private final int n;
        private final TextSplice splice;
        private char[] stack = new char[32];
        private int depth;
        private int pos;

        Pass(String s) {
            this.s = s;
            this.n = s.length();
            this.splice = new TextSplice(s);
        }

        String run() {
            int state = EXPECT_VALUE;
            boolean secretKey = false;
            while (true) {
                while (pos < n && isWhitespace(s.charAt(pos))) {
                    pos++;
                }
                if (pos >= n) {
                    return splice.result(); // complete or truncated: either way every secret seen so far is gone
                }
                char c = s.charAt(pos);
                if (state == EXPECT_VALUE) {
                    state = value(c);
                } else if (state == AFTER_VALUE) {
                    state = afterValue(c);
                } else if (state == EXPECT_KEY) {
                    if (c == '}') {
                        state = close(c);
                    } else if (c == '"') {
                        int close = JsonStrings.closingQuote(s, pos, n);
                        // A key cut off by the capture cap has no value after it, so it cannot leak one.
                        secretKey = close >= 0 && isSecretKey(pos + 1, close);
                        pos = close >= 0 ? close + 1 : n;
                        state = EXPECT_COLON;
                    } else {
                        state = INVALID;
                    }
                } else if (state == EXPECT_COLON) {
                    if (c != ':') {
                        return null;
                    }
                    pos++;
                    state = secretKey ? redactValue() : EXPECT_VALUE;
                } else {
                    return null;
                }
                if (state == INVALID) {
                    return null;
                }
            }
        }

        private int value(char c) {
            if (c == '{' || c == '[') {
                push(c);
                pos++;
                return c == '{' ? EXPECT_KEY : EXPECT_VALUE;
            }
            if (c == ']') {
                return close(c); // empty array, or a trailing comma
            }
            if (c == '"') {
                int close = JsonStrings.closingQuote(s, pos, n);
                redactWithin(pos + 1, close < 0 ? n : close); // a string cut off by the cap runs to the end
                pos = close < 0 ? n : close + 1;
                return AFTER_VALUE;
            }
            if (isScalar(c)) {
                pos = skipScalar(pos);
                return AFTER_VALUE;
            }
            return INVALID;
        }

        /** The raw content {@code [from, to)} of a string value, re-encoded if what it says holds a secret. */
        private void redactWithin(int from, int to) {
            if (!text.mayFindSecret(s, from, to)) {
                return;
            }
            String decoded = JsonStrings.decode(s, from, to);
            char first = firstNonBlank(decoded);
            String redacted = first == '{' || first == '[' ? redact(decoded) : text.scrub(decoded);
            if (!redacted.equals(decoded)) {
                splice.replace(from, to, JsonStrings.encode(redacted));
            }
        }

        private int afterValue(char c) {
            if (depth == 0) {
                return EXPECT_VALUE; // another top-level document (NDJSON)
            }
            if (c == ',') {
                pos++;
                return stack[depth - 1] == '{' ? EXPECT_KEY : EXPECT_VALUE;
            }
            return close(c);
        }

        private int close(char c) {
            if (depth == 0 || !closes(stack[depth - 1], c)) {
                return INVALID;
            }
            depth--;
            pos++;
            return AFTER_VALUE;
        }

        /** Replaces the value at pos, whatever its type and even if it is cut off, by the marker. */
        private int redactValue() {
            while (pos < n && isWhitespace(s.charAt(pos))) {
                pos++;
            }
            if (pos >= n) {
                return AFTER_VALUE;
            }
            int start = pos;
            char c = s.charAt(pos);
            int end;
            if (c == '"') {
                end = skipString(pos);
            } else if (c == '{' || c == '[') {
                end = skipContainer(pos);
            } else if (isScalar(c)) {
                end = skipScalar(pos);
            } else {
                end = -1;
            }
            if (end < 0) {
                return INVALID;
            }
            splice.replace(start, end, MARKER);
            pos = end;
            return AFTER_VALUE;
        }

        private int skipContainer(int from) {
            int base = depth;
            int i = from;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '"') {
                    i = skipString(i);
                    continue;
                }
                if (c == '{' || c == '[') {
                    push(c);
                } else if (c == '}' || c == ']') {
                    if (!closes(stack[depth - 1], c)) {
                        depth = base;
                        return -1;
                    }
                    if (--depth == base) {
                        return i + 1;
                    }
                }
                i++;
            }
            depth = base;
            return n;
        }

        private int skipString(int quote) {
            int close = JsonStrings.closingQuote(s, quote, n);
            return close < 0 ? n : close + 1;
        }

        private int skipScalar(int from) {
            int i = from;
            while (i < n && isScalar(s.charAt(i))) {
                i++;
            }
            return i;
        }

        /** {@code [from, to)} is the raw content of a key string. */
        private boolean isSecretKey(int from, int to) {
            if (to - from > maxRawNameLength) {
                return false;
            }
            return SecretNames.isPlainAscii(s, from, to, '\\', '\\') ? names.containsAscii(s, from, to)
                    : names.contains(JsonStrings.decode(s, from, to).toLowerCase(Locale.ROOT));
        }

        private void push(char c) {
            if (depth == stack.length) {
                stack = java.util.Arrays.copyOf(stack, depth * 2);
            }
            stack[depth++] = c;
        }
    }

    private static char firstNonBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isWhitespace(text.charAt(i))) {
                return text.charAt(i);
            }
        }
        return 0;
    }

    private static boolean closes(char open, char close) {
        return (open == '{' && close == '}') || (open == '[' && close == ']');
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\uFEFF';
    }

    /** Numbers and literals, leniently: NaN, Infinity and similar extensions are not worth a fallback. */
    private static boolean isScalar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || c == '-' || c == '+' || c == '.';
    }
}
