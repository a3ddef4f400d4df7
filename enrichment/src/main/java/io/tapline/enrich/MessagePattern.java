package io.tapline.enrich;

import java.util.Locale;

/**
 * The pattern (template) of a record, seed 002's "pattern detection": records that differ only in their variable
 * parts share a pattern, and so a {@link PatternId}. An exchange's pattern is {@code <METHOD> <route>}, plus the
 * status class for a response ({@code GET /v1/users/{id} 2xx}). An event's pattern is its message with the
 * variable parts masked, in one left-to-right pass, each mask starting at a word boundary:
 * <ul>
 *   <li>{@code <str>}: a quoted string on one line ({@code "..."} or {@code '...'}, up to 256 characters);</li>
 *   <li>{@code <uuid>}: a UUID;</li>
 *   <li>{@code <ts>}: an ISO 8601 date-time, a date ({@code 2024-06-12}) or a time ({@code 14:07:14.102});</li>
 *   <li>{@code <ip>}: an IPv4 or IPv6 address (a port after it stays: {@code <ip>:<num>});</li>
 *   <li>{@code <hex>}: {@code 0x...}, or 8+ hex digits mixing digits and letters;</li>
 *   <li>{@code <id>}: an opaque token of 16+ letters and digits mixing both ({@code req_<id>});</li>
 *   <li>{@code <num>}: a number, its unit kept ({@code 102 ms} → {@code <num> ms}, {@code 1.5s} →
 *       {@code <num>s}, {@code worker-3} → {@code worker-<num>}; {@code v2} and {@code ipv6} are words).</li>
 * </ul>
 * Runs of whitespace become one space and the pattern is capped at {@value #MAX_LENGTH} characters.
 */
final class MessagePattern {
    static final int MAX_LENGTH = 512;
    private static final int MAX_QUOTED = 256;
    private static final int MAX_IP = 45;

    private MessagePattern() {
    }

    /** {@code <METHOD> <route>[ <status class>]}; null when there is neither a method nor a route. */
    static String ofExchange(String method, String route, String statusClass) {
        // Sized for the whole pattern, so that it is never copied to grow.
        StringBuilder out = new StringBuilder((method != null ? method.length() : 0)
                + (route != null ? Math.min(route.length(), MAX_LENGTH + 1) : 0) + 8);
        if (method != null) {
            out.append(method);
        }
        if (route != null) {
            out.append(out.length() > 0 ? " " : "").append(route);
        }
        if (out.length() == 0) {
            return null;
        }
        if (statusClass != null) {
            out.append(' ').append(statusClass);
        }
        return cap(out);
    }

    /** An HTTP method as a pattern spells it (upper case), or null when it is not a method token. */
    static String method(String raw) {
        if (raw == null) {
            return null;
        }
        String m = raw.trim();
        if (m.isEmpty() || m.length() > 24) {
            return null;
        }
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '-'
                    && c != '_') {
                return null;
            }
        }
        return m.toUpperCase(Locale.ROOT);
    }

    /** The masked message from {@code from} on, or null when nothing but whitespace is left. */
    static String ofMessage(String message, int from) {
        if (message == null) {
            return null;
        }
        int n = message.length();
        StringBuilder out = new StringBuilder(Math.min(n - from, MAX_LENGTH) + 16);
        boolean space = false;
        int i = from;
        while (i < n && out.length() < MAX_LENGTH) {
            char c = message.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                i++;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            if (i == from || !isWordChar(message.charAt(i - 1))) {
                int end = quoteEnd(message, i);
                String mask = "<str>";
                if (end < 0) {
                    end = uuidEnd(message, i);
                    mask = "<uuid>";
                }
                if (end < 0) {
                    end = timeEnd(message, i);
                    mask = "<ts>";
                }
                if (end < 0) {
                    end = ipEnd(message, i);
                    mask = "<ip>";
                }
                if (end < 0) {
                    end = hexEnd(message, i);
                    mask = "<hex>";
                }
                if (end < 0) {
                    end = opaqueEnd(message, i);
                    mask = "<id>";
                }
                if (end < 0) {
                    end = numberEnd(message, i);
                    mask = "<num>";
                }
                if (end > i) {
                    out.append(mask);
                    i = end;
                    continue;
                }
            }
            int end = i + 1;
            while (isWordChar(c) && end < n && isWordChar(message.charAt(end))) {
                end++;
            }
            out.append(message, i, Math.min(end, i + MAX_LENGTH + 1 - out.length()));
            i = end;
        }
        return out.length() == 0 ? null : cap(out);
    }

    private static String cap(StringBuilder out) {
        if (out.length() > MAX_LENGTH) {
            int cut = MAX_LENGTH;
            if (Character.isLowSurrogate(out.charAt(cut))) {
                cut--;
            }
            out.setLength(cut);
        }
        return out.toString().trim();
    }

    private static int quoteEnd(String s, int i) {
        char quote = s.charAt(i);
        if (quote != '"' && quote != '\'') {
            return -1;
        }
        for (int j = i + 1; j < s.length() && j - i <= MAX_QUOTED; j++) {
            char c = s.charAt(j);
            if (c == '\n' || c == '\r') {
                return -1;
            }
            if (c == quote && s.charAt(j - 1) != '\\' && !wordAt(s, j + 1)) {
                return j + 1; // an apostrophe inside a word ("it's") does not close the quote
            }
        }
        return -1;
    }

    private static int uuidEnd(String s, int i) {
        if (i + 36 > s.length() || wordAt(s, i + 36)) {
            return -1;
        }
        for (int k = 0; k < 36; k++) {
            char c = s.charAt(i + k);
            boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
            if (dash ? c != '-' : hex(c) < 0) {
                return -1;
            }
        }
        return i + 36;
    }

    private static int timeEnd(String s, int i) {
        int end = LogLineParser.timestampEnd(s, i);
        if (end < 0 && digitsAt(s, i, 4) && at(s, i + 4, '-') && digitsAt(s, i + 5, 2) && at(s, i + 7, '-')
                && digitsAt(s, i + 8, 2)) {
            end = i + 10;
        }
        if (end < 0 && digitsAt(s, i, 2) && at(s, i + 2, ':') && digitsAt(s, i + 3, 2) && at(s, i + 5, ':')
                && digitsAt(s, i + 6, 2)) {
            end = i + 8;
            if ((at(s, end, '.') || at(s, end, ',')) && digitsAt(s, end + 1, 1)) {
                end++;
                while (end < s.length() && isDigit(s.charAt(end))) {
                    end++;
                }
            }
        }
        return end > i && !wordAt(s, end) ? end : -1;
    }

    private static int ipEnd(String s, int i) {
        int end = i;
        while (end < s.length() && end - i <= 15 && (isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
            end++;
        }
        while (end > i && s.charAt(end - 1) == '.') {
            end--; // a sentence's full stop
        }
        // Only three dots can make the four parts of an IPv4 address: plain numbers are not parsed at all.
        if (end > i && !wordAt(s, end) && count(s, i, end, '.') == 3
                && IpClassifier.parse(s.substring(i, end)) != null) {
            return end; // IPv4; a port after it stays: 10.0.0.7:9001 is <ip>:<num>
        }
        end = i;
        int colons = 0;
        while (end < s.length() && end - i <= MAX_IP && isV6Char(s, end)) {
            colons += s.charAt(end) == ':' ? 1 : 0;
            end++;
        }
        if (colons < 2 || end - i > MAX_IP || colons == end - i) {
            return -1; // a lone "::" (as in "Foo :: bar") is punctuation, not the unspecified address
        }
        while (end > i + 1 && (s.charAt(end - 1) == '.'
                || (s.charAt(end - 1) == ':' && s.charAt(end - 2) != ':'))) {
            end--; // "from fe80::1: refused", "at ::1."
        }
        return !wordAt(s, end) && IpClassifier.parse(s.substring(i, end)) != null ? end : -1;
    }

    private static int count(String s, int from, int to, char c) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += s.charAt(i) == c ? 1 : 0;
        }
        return n;
    }

    private static boolean isV6Char(String s, int i) {
        if (i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        return c == ':' || c == '.' || hex(c) >= 0;
    }

    private static int hexEnd(String s, int i) {
        boolean prefixed = at(s, i, '0') && (at(s, i + 1, 'x') || at(s, i + 1, 'X'));
        if (prefixed && i + 2 < s.length() && hex(s.charAt(i + 2)) >= 0) {
            int end = i + 2;
            while (end < s.length() && hex(s.charAt(end)) >= 0) {
                end++;
            }
            return wordAt(s, end) ? -1 : end;
        }
        int end = i;
        int digits = 0;
        while (end < s.length() && hex(s.charAt(end)) >= 0) {
            digits += isDigit(s.charAt(end)) ? 1 : 0;
            end++;
        }
        return end - i >= 8 && digits > 0 && digits < end - i && !wordAt(s, end) ? end : -1;
    }

    private static int opaqueEnd(String s, int i) {
        int end = i;
        int digits = 0;
        while (end < s.length() && isAsciiAlnum(s.charAt(end))) {
            digits += isDigit(s.charAt(end)) ? 1 : 0;
            end++;
        }
        return end - i >= 16 && digits > 0 && digits < end - i && !wordAt(s, end) ? end : -1;
    }

    private static int numberEnd(String s, int i) {
        int end = i;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        if (end == i) {
            return -1;
        }
        if (at(s, end, '.') && end + 1 < s.length() && isDigit(s.charAt(end + 1))) {
            end += 2;
            while (end < s.length() && isDigit(s.charAt(end))) {
                end++;
            }
        }
        return end;
    }

    private static boolean wordAt(String s, int i) {
        return i < s.length() && isWordChar(s.charAt(i));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    private static boolean digitsAt(String s, int from, int count) {
        for (int k = from; k < from + count; k++) {
            if (k >= s.length() || !isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean at(String s, int i, char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiAlnum(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int hex(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }
}
