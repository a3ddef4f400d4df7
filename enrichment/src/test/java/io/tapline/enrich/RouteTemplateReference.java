package io.tapline.enrich;

/**
 * {@link RouteTemplate} as it was before its single-pass segment classifier: the reference the new one must agree
 * with on every input ({@code RouteTemplateEquivalenceTest}).
 */
final class RouteTemplateReference {
    static final String ID = RouteTemplate.ID;
    static final int MAX_LENGTH = RouteTemplate.MAX_LENGTH;
    static final int MAX_SEGMENT = RouteTemplate.MAX_SEGMENT;

    private RouteTemplateReference() {
    }

    /** The template of a path starting with {@code /}, or null for anything else. */
    static String of(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        int n = path.length();
        // Up to its first segment to mask, the template is the path itself; often that is all of it.
        int start = 1;
        while (start <= n) {
            int end = segmentEnd(path, start);
            if (masked(path, start, end)) {
                break;
            }
            start = end + 1;
        }
        if (start > n && n <= MAX_LENGTH) {
            return path;
        }
        StringBuilder out = new StringBuilder(Math.min(n, MAX_LENGTH) + 8);
        out.append(path, 0, Math.min(start, n));
        while (start <= n && out.length() < MAX_LENGTH) {
            int end = segmentEnd(path, start);
            appendSegment(path, start, end, out);
            if (end < n) {
                out.append('/');
            }
            start = end + 1;
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

    /** Whether the segment {@code s[from, to)} varies per request. */
    private static boolean masked(String s, int from, int to) {
        return to - from > MAX_SEGMENT || isVariable(s, from, stemEnd(s, from, to));
    }

    private static void appendSegment(String s, int from, int to, StringBuilder out) {
        if (to - from > MAX_SEGMENT) {
            out.append(ID);
            return;
        }
        int stemEnd = stemEnd(s, from, to);
        if (isVariable(s, from, stemEnd)) {
            out.append(ID).append(s, stemEnd, to);
        } else {
            out.append(s, from, to);
        }
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

    static boolean isVariable(String s, int from, int to) {
        int length = to - from;
        if (length == 0) {
            return false;
        }
        int digits = 0;
        int upper = 0;
        int lower = 0;
        int hexLetters = 0;
        int separators = 0; // - _ . , : that may sit between the digits of a date or version
        int dashesAndUnderscores = 0;
        int base64Extras = 0; // + and trailing = of the base64 alphabet
        int padding = 0;
        int other = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (padding > 0 && c != '=') {
                other++; // '=' only pads the end of base64
            }
            if (isDigit(c)) {
                digits++;
            } else if (c >= 'a' && c <= 'z') {
                lower++;
                hexLetters += c <= 'f' ? 1 : 0;
            } else if (c >= 'A' && c <= 'Z') {
                upper++;
                hexLetters += c <= 'F' ? 1 : 0;
            } else if (c == '-' || c == '_' || c == '.' || c == ',' || c == ':') {
                separators++;
                dashesAndUnderscores += c == '-' || c == '_' ? 1 : 0;
            } else if (c == '+') {
                base64Extras++;
            } else if (c == '=') {
                padding++;
            } else {
                other++;
            }
        }
        if (other > 0 || digits + upper + lower == 0) {
            return false;
        }
        int letters = upper + lower;
        if (letters == 0 && base64Extras == 0 && padding == 0) {
            // 42, 2024-06-12, 1.2.3; but an API version like 2.0 is a fixed part of the route.
            return digits > 0 && (separators == 0 || separators >= 2);
        }
        if (isUuid(s, from, to)) {
            return true;
        }
        boolean dashOrUnderscoreOnly = separators == dashesAndUnderscores;
        if (separators == 0 && base64Extras == 0 && padding == 0 && letters == hexLetters && length >= 8
                && digits > 0) {
            return true; // 9f1c2a3b4c5d
        }
        if (dashOrUnderscoreOnly && base64Extras == 0 && padding == 0 && length >= 20 && digits > 0) {
            return true; // 01HZX3Q9J8K7M6N5P4R3S2T1V0, tok_live_4eC39HqLyjWDarjtT1zdp7dc
        }
        boolean base64Alphabet = dashOrUnderscoreOnly && padding <= 2;
        return base64Alphabet && length >= 16
                && (padding > 0 || base64Extras > 0 || (digits > 0 && upper > 0 && lower > 0));
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
