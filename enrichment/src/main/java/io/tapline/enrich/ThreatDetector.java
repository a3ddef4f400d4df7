package io.tapline.enrich;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Flags the request targets and user agents that show an attack: {@code path_traversal}, {@code sqli},
 * {@code xss} and {@code scanner}. It looks for well-known markers in the target as sent and once
 * percent-decoded (case-insensitive, with SQL comments and runs of blanks read as one space), so that
 * {@code UNION/**}{@code /SELECT} and {@code %2e%2e%2f} are caught; a flag means "worth a look", not proof.
 */
final class ThreatDetector {
    static final String PATH_TRAVERSAL = "path_traversal";
    static final String SQLI = "sqli";
    static final String XSS = "xss";
    static final String SCANNER = "scanner";

    // One bit per flag, in the flags' alphabetical order: the list is built by walking the bits.
    private static final int TRAVERSAL = 1;
    private static final int SCANNER_AGENT = 2;
    private static final int SQL = 4;
    private static final int SCRIPT = 8;
    private static final String[] NAMES = {PATH_TRAVERSAL, SCANNER, SQLI, XSS};

    private static final Markers MARKERS = new Markers()
            .add(TRAVERSAL, "../", "..\\", "..%2f", "..%5c", "%2e%2e", "/etc/passwd", "/etc/shadow", "/proc/self/",
                    "c:\\windows\\", "boot.ini")
            .add(SQL, "' or 1=1", "\" or 1=1", " or 1=1", "' or '1'='1", "\" or \"1\"=\"1", "' or ''='",
                    "union select", "union all select", "sleep(", "benchmark(", "pg_sleep(", "waitfor delay",
                    "information_schema", ";--", "'--", "' --", "')--", "xp_cmdshell", "; drop table", "';drop table")
            .add(SCRIPT, "<script", "%3cscript", "javascript:", "vbscript:", "onerror=", "onload=", "onmouseover=",
                    "<iframe", "<svg", "document.cookie");

    /**
     * Targets are read up to this length: servers refuse request lines far shorter (8 KiB is common), so an attack
     * hidden behind more padding than this never reaches a handler.
     */
    private static final int MAX_SCAN = 64 * 1024;

    private ThreatDetector() {
    }

    /**
     * The sorted distinct flags for a request target (path and query, or an absolute URL) and a user agent's
     * verdict; an empty list when nothing looks hostile.
     */
    static List<String> detect(String target, boolean scannerAgent) {
        int flags = scannerAgent ? SCANNER_AGENT : 0;
        if (target != null && !target.isEmpty()) {
            flags |= targetFlags(target.length() > MAX_SCAN ? target.substring(0, MAX_SCAN) : target);
        }
        if (flags == 0) {
            return List.of(); // the common case, and callers store only lists with flags
        }
        List<String> out = new ArrayList<>(Integer.bitCount(flags));
        for (int i = 0; i < NAMES.length; i++) {
            if ((flags & (1 << i)) != 0) {
                out.add(NAMES[i]);
            }
        }
        return out;
    }

    /**
     * Markers are looked for in the target as sent and in its decoded, normalised form. Most targets are plain
     * ASCII with nothing to decode or normalise: for them both forms are the same text, looked at once.
     */
    private static int targetFlags(String target) {
        boolean plain = isPlainAscii(target);
        // ASCII letters are folded while scanning. Other text is lower-cased first, as the markers are matched
        // against String.toLowerCase: a few non-ASCII letters lower-case to ASCII (the Kelvin sign to 'k').
        String raw = plain || isAscii(target) ? target : target.toLowerCase(Locale.ROOT);
        int flags = MARKERS.find(raw);
        String decoded = raw;
        if (!plain) {
            decoded = normalise(PercentDecoding.decode(target, true).toLowerCase(Locale.ROOT));
            flags |= MARKERS.find(decoded) & (TRAVERSAL | SQL);
            flags |= MARKERS.find(withoutBlanks(decoded)) & SCRIPT;
        }
        if (decoded.endsWith("/..")) {
            flags |= TRAVERSAL;
        }
        if (endsWithSqlComment(decoded)) {
            flags |= SQL; // case plays no part in either check, so the undecoded ASCII target will do
        }
        return flags;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** ASCII that decoding and {@link #normalise} leave as it is: no escapes, pluses, blanks or comments. */
    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // Below 0x80, Character.isWhitespace is true for the blank and 0x09-0x0D, 0x1C-0x1F.
            if (c >= 0x80 || c == '%' || c == '+' || c <= ' ' && (c == ' ' || c >= 0x09 && c <= 0x0d || c >= 0x1c)
                    || (c == '/' && s.startsWith("/*", i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code id=1--}: a trailing SQL comment that cuts off the rest of a statement. */
    private static boolean endsWithSqlComment(String decoded) {
        int query = decoded.indexOf('?');
        if (query < 0) {
            return false;
        }
        for (int at = decoded.indexOf("--"); at >= 0; at = decoded.indexOf("--", at + 2)) {
            int after = at + 2;
            boolean valueEnds = after == decoded.length() || decoded.charAt(after) == '&'
                    || decoded.charAt(after) == '#' || decoded.charAt(after) == ' ';
            boolean afterValue = at > query + 1 && "-=/&?#".indexOf(decoded.charAt(at - 1)) < 0;
            if (valueEnds && afterValue) {
                return true;
            }
        }
        return false;
    }

    /** SQL comments ({@code /**}{@code /}) and every run of blanks become one space. */
    private static String normalise(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean blank = false;
        boolean unclosed = false; // once a comment has no end, no later one has: stay linear
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' && !unclosed && s.startsWith("/*", i)) {
                int close = s.indexOf("*/", i + 2);
                unclosed = close < 0;
                if (close >= 0) {
                    i = close + 1;
                    blank = true;
                    continue;
                }
            }
            if (Character.isWhitespace(c)) {
                blank = true;
                continue;
            }
            if (blank && out.length() > 0) {
                out.append(' ');
            }
            blank = false;
            out.append(c);
        }
        return out.toString();
    }

    /** Browsers ignore blanks in {@code java script:} and around {@code onerror =}. */
    private static String withoutBlanks(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Lower-case ASCII markers, each with its flag, all found in one pass. Markers are filed by their first two
     * characters, so at most positions one look-up in a small table shows that no marker starts there. ASCII
     * letters of the text are folded to lower case on the fly.
     */
    private static final class Markers {
        private static final Marker[] NONE = new Marker[0];
        private final Marker[][] byFirstTwoChars = new Marker[128 * 128][];
        /**
         * For each first char, the set of second chars some marker starts with (128 bits in two longs): a table
         * small enough for the fastest cache, asked first, so that the large one is only read for a real start.
         */
        private final long[] secondChars = new long[128 * 2];

        Markers add(int flag, String... markers) {
            for (String text : markers) {
                char second = text.charAt(1);
                secondChars[text.charAt(0) * 2 + (second >> 6)] |= 1L << second;
                int key = key(text.charAt(0), second);
                Marker[] bucket = byFirstTwoChars[key] == null ? NONE : byFirstTwoChars[key];
                bucket = Arrays.copyOf(bucket, bucket.length + 1);
                bucket[bucket.length - 1] = new Marker(text, flag);
                byFirstTwoChars[key] = bucket;
            }
            return this;
        }

        /** The flags of every marker found in {@code text}. */
        int find(String text) {
            int found = 0;
            int n = text.length();
            char next = n > 0 ? lower(text.charAt(0)) : 0;
            for (int i = 0; i + 1 < n; i++) {
                char c = next;
                next = lower(text.charAt(i + 1));
                if (c >= 128 || next >= 128 || (secondChars[c * 2 + (next >> 6)] & 1L << next) == 0) {
                    continue;
                }
                for (Marker marker : byFirstTwoChars[key(c, next)]) {
                    if ((found & marker.flag) == 0 && marker.at(text, i)) {
                        found |= marker.flag;
                    }
                }
            }
            return found;
        }

        private static int key(char first, char second) {
            return first << 7 | second;
        }
    }

    private static final class Marker {
        final String text;
        final int flag;

        Marker(String text, int flag) {
            this.text = text;
            this.flag = flag;
        }

        /** Whether the text at {@code at} starts with this marker, ASCII case folded; the first two chars match. */
        boolean at(String s, int at) {
            if (at + text.length() > s.length()) {
                return false;
            }
            for (int k = 2; k < text.length(); k++) {
                if (lower(s.charAt(at + k)) != text.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
