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

    private static final String[] TRAVERSAL_MARKERS = {"../", "..\\", "..%2f", "..%5c", "%2e%2e", "/etc/passwd",
            "/etc/shadow", "/proc/self/", "c:\\windows\\", "boot.ini"};
    private static final String[] SQL_MARKERS = {"' or 1=1", "\" or 1=1", " or 1=1", "' or '1'='1",
            "\" or \"1\"=\"1", "' or ''='", "union select", "union all select", "sleep(", "benchmark(", "pg_sleep(",
            "waitfor delay", "information_schema", ";--", "'--", "' --", "')--", "xp_cmdshell", "; drop table",
            "';drop table"};
    private static final String[] SCRIPT_MARKERS = {"<script", "%3cscript", "javascript:", "vbscript:", "onerror=",
            "onload=", "onmouseover=", "<iframe", "<svg", "document.cookie"};
    /** Every marker; the flag of each, by index, is in {@link #MARKER_FLAGS}. */
    private static final WordTable MARKERS = new WordTable(concat(TRAVERSAL_MARKERS, SQL_MARKERS, SCRIPT_MARKERS));
    private static final int[] MARKER_FLAGS = flags(TRAVERSAL_MARKERS.length, SQL_MARKERS.length,
            SCRIPT_MARKERS.length);

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
        return detect(targetFlags(target), scannerAgent);
    }

    /**
     * What a request target alone adds to the flags: a pure function of the target, so callers may keep it for
     * targets seen again ({@link UrlFacts}). {@code detect(targetFlags(t), s)} is {@code detect(t, s)}.
     */
    static int targetFlags(String target) {
        if (target == null || target.isEmpty()) {
            return 0;
        }
        return scanFlags(target.length() > MAX_SCAN ? target.substring(0, MAX_SCAN) : target);
    }

    /** The sorted distinct flags for a target's {@link #targetFlags} and a user agent's verdict. */
    static List<String> detect(int targetFlags, boolean scannerAgent) {
        int flags = targetFlags | (scannerAgent ? SCANNER_AGENT : 0);
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
     * ASCII with nothing to decode or normalise: for them both forms are the same text, looked at once, in the same
     * pass that finds out that the target is plain.
     */
    private static int scanFlags(String target) {
        int n = target.length();
        int flags = 0;
        boolean plain = true;
        char next = target.charAt(0);
        for (int i = 0; i < n; i++) {
            char c = next;
            next = i + 1 < n ? target.charAt(i + 1) : 0;
            if (c >= 0x80) {
                return anyTargetFlags(target); // lower-cased first, as the markers are matched against
            }
            // Decoding and normalising change nothing without escapes, pluses, blanks (Character.isWhitespace
            // below 0x80: the blank, 0x09-0x0D, 0x1C-0x1F) or comments.
            if (c == '%' || c == '+' || c <= ' ' && (c == ' ' || c >= 0x09 && c <= 0x0d || c >= 0x1c)
                    || c == '/' && next == '*') {
                plain = false;
            }
            if (i + 1 < n && MARKERS.mayStartWith(c, next)) {
                flags = markersAt(target, i, WordTable.lower(c), WordTable.lower(next), flags);
            }
        }
        return plain ? tailFlags(target, flags) : decodedFlags(target, flags);
    }

    /** {@link #scanFlags} of any target, ASCII or not. */
    private static int anyTargetFlags(String target) {
        // ASCII letters are folded while scanning. Other text is lower-cased first, as the markers are matched
        // against String.toLowerCase: a few non-ASCII letters lower-case to ASCII (the Kelvin sign to 'k').
        boolean plain = isPlainAscii(target);
        String raw = plain || isAscii(target) ? target : target.toLowerCase(Locale.ROOT);
        int flags = markers(raw);
        return plain ? tailFlags(target, flags) : decodedFlags(target, flags);
    }

    /** {@code flags}, the markers of a target as sent, and those of its decoded form, which differs. */
    private static int decodedFlags(String target, int flags) {
        String decoded = normalise(PercentDecoding.decode(target, true).toLowerCase(Locale.ROOT));
        flags |= markers(decoded) & (TRAVERSAL | SQL);
        flags |= markers(withoutBlanks(decoded)) & SCRIPT;
        return tailFlags(decoded, flags);
    }

    /** {@code flags} and those of the end of the decoded target (the target itself when it is plain). */
    private static int tailFlags(String decoded, int flags) {
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

    /** The flags of every marker found in {@code text}, in one pass. */
    private static int markers(String text) {
        int found = 0;
        int n = text.length();
        char next = n > 0 ? text.charAt(0) : 0;
        for (int i = 0; i + 1 < n; i++) {
            char c = next;
            next = text.charAt(i + 1);
            if (MARKERS.mayStartWith(c, next)) {
                found = markersAt(text, i, WordTable.lower(c), WordTable.lower(next), found);
            }
        }
        return found;
    }

    /** {@code found} and the flags of the markers at {@code i}, whose first two chars, folded, are given. */
    private static int markersAt(String text, int i, char first, char second, int found) {
        int[] starting = MARKERS.startingWith(first, second);
        if (starting != null) {
            for (int marker : starting) {
                if ((found & MARKER_FLAGS[marker]) == 0 && MARKERS.matchesAt(text, i, marker)) {
                    found |= MARKER_FLAGS[marker];
                }
            }
        }
        return found;
    }

    private static String[] concat(String[]... groups) {
        return Arrays.stream(groups).flatMap(Arrays::stream).toArray(String[]::new);
    }

    /** {@link #TRAVERSAL} for the first group of markers, {@link #SQL} for the next, {@link #SCRIPT} for the last. */
    private static int[] flags(int traversal, int sql, int script) {
        int[] flags = new int[traversal + sql + script];
        Arrays.fill(flags, 0, traversal, TRAVERSAL);
        Arrays.fill(flags, traversal, traversal + sql, SQL);
        Arrays.fill(flags, traversal + sql, flags.length, SCRIPT);
        return flags;
    }
}
