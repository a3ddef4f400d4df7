package io.tapline.enrich;

/**
 * Turns a URL path into its route template by masking the segments that vary per request as {@code {id}}, so
 * that {@code /v1/users/42/orders/9f1c2a3b4c5d} and {@code /v1/users/7/orders/0a1b2c3d4e5f} share
 * {@code /v1/users/{id}/orders/{id}}. One pass over the path; words, versions ({@code v1}) and empty segments
 * are kept as they are, and the template is capped at {@value #MAX_LENGTH} characters.
 *
 * <p>A segment is variable when it is all digits; digits with two or more date or version separators
 * ({@code 2024-06-12}, {@code 1.2.3}, but not {@code 2.0}); a UUID; hex of 8+ characters with a digit; an
 * opaque token of 20+ {@code [A-Za-z0-9_-]} with a digit; base64-like (16+ characters of the base64 alphabets,
 * padded or mixing upper case, lower case and digits); or longer than {@value #MAX_SEGMENT} characters (slugs and blobs are never a route's fixed part).
 * A masked segment keeps a file extension: {@code 9f1c2a3b4c5d.json} becomes {@code {id}.json}.
 */
final class RouteTemplate {
    static final String ID = "{id}";
    static final int MAX_LENGTH = 1024;
    static final int MAX_SEGMENT = 64;

    private RouteTemplate() {
    }

    /** The template of a path starting with {@code /}, or null for anything else. */
    static String of(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        int n = path.length();
        // Up to its first segment to mask, the template is the path itself; often that is all of it. Each
        // segment is classified once: the first masked one starts the template it is appended to.
        StringBuilder out = null;
        int start = 1;
        int dot = path.indexOf('.'); // the next dot: a segment without one has no extension to look for
        while (start <= n) {
            int end = segmentEnd(path, start);
            if (dot >= 0 && dot < start) {
                dot = path.indexOf('.', start);
            }
            int stemEnd = end - start > MAX_SEGMENT ? -1 : dot < 0 || dot >= end ? end : stemEnd(path, start, end);
            boolean masked = stemEnd < 0 || isVariable(path, start, stemEnd);
            if (out == null && masked) {
                out = new StringBuilder(Math.min(n, MAX_LENGTH) + 8);
                out.append(path, 0, start);
            }
            if (out != null) {
                if (out.length() >= MAX_LENGTH) {
                    break;
                }
                if (!masked) {
                    out.append(path, start, end);
                } else if (stemEnd < 0) {
                    out.append(ID); // longer than any fixed part of a route: its extension goes too
                } else {
                    out.append(ID).append(path, stemEnd, end);
                }
                if (end < n) {
                    out.append('/');
                }
            }
            start = end + 1;
        }
        if (out == null) {
            if (n <= MAX_LENGTH) {
                return path;
            }
            out = new StringBuilder(path);
        }
        if (out.length() > MAX_LENGTH) {
            int cut = MAX_LENGTH;
            if (Character.isLowSurrogate(out.charAt(cut))) {
                cut--;
            }
            out.setLength(cut);
        }
        return out.toString();
    }

    private static int segmentEnd(String path, int start) {
        int end = path.indexOf('/', start);
        return end < 0 ? path.length() : end;
    }

    /** Where a file extension (a dot and 1-16 letters or digits, at least one a letter) starts, else {@code to}. */
    private static int stemEnd(String s, int from, int to) {
        boolean letter = false;
        for (int i = to - 1; i > from && to - i <= 17; i--) {
            char c = s.charAt(i);
            if (c == '.') {
                return letter && i < to - 1 ? i : to;
            }
            if (isLetter(c)) {
                letter = true;
            } else if (!isDigit(c)) {
                return to;
            }
        }
        return to;
    }

    // What a char of a segment is, one bit each, read from a table in the one pass over a segment.
    private static final int DIGIT = 1;
    private static final int LOWER = 1 << 1;
    private static final int UPPER = 1 << 2;
    /** A letter past f: the segment is no hex. */
    private static final int NOT_HEX = 1 << 3;
    /** One of - _ . , : that may sit between the digits of a date or version. */
    private static final int SEPARATOR = 1 << 4;
    /** One of . , : (a separator that is not base64's). */
    private static final int DOT = 1 << 5;
    /** + of the base64 alphabet. */
    private static final int PLUS = 1 << 6;
    /** = that pads the end of base64. */
    private static final int PAD = 1 << 7;
    /** Anything else: the segment is a word, never variable. */
    private static final int OTHER = 1 << 8;
    private static final int[] KINDS = kinds();

    private static int[] kinds() {
        int[] kinds = new int[128];
        java.util.Arrays.fill(kinds, OTHER);
        for (char c = '0'; c <= '9'; c++) {
            kinds[c] = DIGIT;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            kinds[c] = LOWER | (c > 'f' ? NOT_HEX : 0);
            kinds[c - 'a' + 'A'] = UPPER | (c > 'f' ? NOT_HEX : 0);
        }
        kinds['-'] = SEPARATOR;
        kinds['_'] = SEPARATOR;
        kinds['.'] = SEPARATOR | DOT;
        kinds[','] = SEPARATOR | DOT;
        kinds[':'] = SEPARATOR | DOT;
        kinds['+'] = PLUS;
        kinds['='] = PAD;
        return kinds;
    }

    /** Whether the segment (stem) {@code s[from, to)} varies per request; see the class comment for the rules. */
    static boolean isVariable(String s, int from, int to) {
        int length = to - from;
        if (length == 0) {
            return false;
        }
        int seen = 0;
        int separators = 0;
        int padding = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int kind = c < 128 ? KINDS[c] : OTHER;
            if (kind == OTHER || padding > 0 && kind != PAD) {
                return false; // '=' only pads the end of base64
            }
            seen |= kind;
            separators += kind >>> 4 & 1;
            padding += kind >>> 7 & 1;
        }
        if ((seen & (DIGIT | LOWER | UPPER)) == 0) {
            return false;
        }
        boolean letters = (seen & (LOWER | UPPER)) != 0;
        boolean digits = (seen & DIGIT) != 0;
        boolean base64Extras = (seen & PLUS) != 0;
        if (!letters && !base64Extras && padding == 0) {
            // 42, 2024-06-12, 1.2.3; but an API version like 2.0 is a fixed part of the route.
            return digits && (separators == 0 || separators >= 2);
        }
        if (length == 36 && isUuid(s, from, to)) {
            return true;
        }
        boolean dashOrUnderscoreOnly = (seen & DOT) == 0;
        if (separators == 0 && !base64Extras && padding == 0 && (seen & NOT_HEX) == 0 && length >= 8 && digits) {
            return true; // 9f1c2a3b4c5d
        }
        if (dashOrUnderscoreOnly && !base64Extras && padding == 0 && length >= 20 && digits) {
            return true; // 01HZX3Q9J8K7M6N5P4R3S2T1V0, tok_live_4eC39HqLyjWDarjtT1zdp7dc
        }
        boolean base64Alphabet = dashOrUnderscoreOnly && padding <= 2;
        return base64Alphabet && length >= 16
                && (padding > 0 || base64Extras || (digits && (seen & UPPER) != 0 && (seen & LOWER) != 0));
    }

    private static boolean isUuid(String s, int from, int to) {
        if (to - from != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(from + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0 || c > 'f') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
