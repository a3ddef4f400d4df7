package io.tapline.enrich;

/**
 * Recognises the service log line formats of seed 003 at the start of a message and reads their level:
 * {@code 2024-01-01T12:00:00.000Z [INFO] Message} (iso8601: a timestamp, then a bracketed level),
 * {@code 2024-01-01T12:00:00Z ERROR Message} (rfc3339: a timestamp, then a bare level) and
 * {@code [DEBUG] Message} (bracketed). Looks at a bounded prefix only, so any message length costs the same.
 */
final class LogLineParser {
    static final String ISO8601 = "iso8601";
    static final String RFC3339 = "rfc3339";
    static final String BRACKETED = "bracketed";

    private static final int MAX_LEVEL_NAME = 11; // "information"

    /** A recognised line: its canonical level, its format, and where the text after the level starts. */
    static final class LogLine {
        final String level;
        final String format;
        final int bodyStart;

        LogLine(String level, String format, int bodyStart) {
            this.level = level;
            this.format = format;
            this.bodyStart = bodyStart;
        }
    }

    private LogLineParser() {
    }

    /** The line's level and format, or null when the message does not start like a service log line. */
    static LogLine parse(String message) {
        if (message == null) {
            return null;
        }
        int n = message.length();
        int i = skipBlanks(message, 0);
        if (i < n && message.charAt(i) == '[') {
            return bracketedLevel(message, i, BRACKETED);
        }
        int afterTimestamp = timestampEnd(message, i);
        if (afterTimestamp < 0 || afterTimestamp >= n || !isBlank(message.charAt(afterTimestamp))) {
            return null;
        }
        i = skipBlanks(message, afterTimestamp);
        if (i < n && message.charAt(i) == '[') {
            return bracketedLevel(message, i, ISO8601);
        }
        int end = i;
        while (end < n && end - i <= MAX_LEVEL_NAME && isLetter(message.charAt(end))) {
            end++;
        }
        return levelAt(message, i, end, end, RFC3339);
    }

    private static LogLine bracketedLevel(String s, int open, String format) {
        int end = open + 1;
        while (end < s.length() && end - open <= MAX_LEVEL_NAME && isLetter(s.charAt(end))) {
            end++;
        }
        if (end >= s.length() || s.charAt(end) != ']') {
            return null;
        }
        return levelAt(s, open + 1, end, end + 1, format);
    }

    /**
     * The level word is {@code s[from, to)}. A bare word must be followed by the end, a blank or a colon, so that
     * {@code 2024-01-01T12:00:00Z Errors rose} is not read as an error line; a closing bracket is enough on its own.
     */
    private static LogLine levelAt(String s, int from, int to, int after, String format) {
        if (to == from || to - from > MAX_LEVEL_NAME) {
            return null;
        }
        boolean bare = after == to;
        if (bare && after < s.length() && !isBlank(s.charAt(after)) && s.charAt(after) != ':') {
            return null;
        }
        String level = LevelRules.canonical(s.substring(from, to));
        if (level == null) {
            return null;
        }
        int body = after;
        while (body < s.length() && (isBlank(s.charAt(body)) || (body == after && s.charAt(body) == ':'))) {
            body++;
        }
        return new LogLine(level, format, body);
    }

    /**
     * End of {@code YYYY-MM-DD(T|t| )HH:MM:SS[.fraction][Z|±HH[:]MM]} at {@code i}, or -1. The zone is optional
     * because many services log local time.
     */
    static int timestampEnd(String s, int i) {
        if (!digits(s, i, 4) || !at(s, i + 4, '-') || !digits(s, i + 5, 2) || !at(s, i + 7, '-')
                || !digits(s, i + 8, 2)) {
            return -1;
        }
        int t = i + 10;
        if (!(at(s, t, 'T') || at(s, t, 't') || at(s, t, ' ')) || !digits(s, t + 1, 2) || !at(s, t + 3, ':')
                || !digits(s, t + 4, 2) || !at(s, t + 6, ':') || !digits(s, t + 7, 2)) {
            return -1;
        }
        int j = t + 9;
        if (at(s, j, '.') || at(s, j, ',')) {
            int k = j + 1;
            while (k < s.length() && k - j <= 9 && isDigit(s.charAt(k))) {
                k++;
            }
            if (k == j + 1) {
                return -1;
            }
            j = k;
        }
        if (at(s, j, 'Z') || at(s, j, 'z')) {
            return j + 1;
        }
        if ((at(s, j, '+') || at(s, j, '-')) && digits(s, j + 1, 2)) {
            if (at(s, j + 3, ':') && digits(s, j + 4, 2)) {
                return j + 6;
            }
            return digits(s, j + 3, 2) ? j + 5 : j + 3;
        }
        return j;
    }

    private static boolean digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean at(String s, int i, char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
