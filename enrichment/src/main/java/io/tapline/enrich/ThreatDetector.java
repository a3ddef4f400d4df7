package io.tapline.enrich;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

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

    private static final Markers TRAVERSAL = new Markers("../", "..\\", "..%2f", "..%5c", "%2e%2e", "/etc/passwd",
            "/etc/shadow", "/proc/self/", "c:\\windows\\", "boot.ini");
    private static final Markers SQL = new Markers("' or 1=1", "\" or 1=1", " or 1=1", "' or '1'='1",
            "\" or \"1\"=\"1", "' or ''='", "union select", "union all select", "sleep(", "benchmark(", "pg_sleep(",
            "waitfor delay", "information_schema", ";--", "'--", "' --", "')--", "xp_cmdshell", "; drop table",
            "';drop table");
    private static final Markers SCRIPT = new Markers("<script", "%3cscript", "javascript:", "vbscript:", "onerror=",
            "onload=", "onmouseover=", "<iframe", "<svg", "document.cookie");

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
        TreeSet<String> flags = new TreeSet<>();
        if (scannerAgent) {
            flags.add(SCANNER);
        }
        if (target != null && !target.isEmpty()) {
            String scanned = target.length() > MAX_SCAN ? target.substring(0, MAX_SCAN) : target;
            String raw = scanned.toLowerCase(Locale.ROOT);
            String decoded = normalise(PercentDecoding.decode(scanned, true).toLowerCase(Locale.ROOT));
            if (TRAVERSAL.foundIn(raw) || TRAVERSAL.foundIn(decoded) || decoded.endsWith("/..")) {
                flags.add(PATH_TRAVERSAL);
            }
            if (SQL.foundIn(raw) || SQL.foundIn(decoded) || endsWithSqlComment(decoded)) {
                flags.add(SQLI);
            }
            if (SCRIPT.foundIn(raw) || SCRIPT.foundIn(withoutBlanks(decoded))) {
                flags.add(XSS);
            }
        }
        return new ArrayList<>(flags);
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
     * A fixed set of lower-case ASCII markers found in one pass: each position is checked only against the markers
     * that start with its character, instead of one full scan of the text per marker.
     */
    private static final class Markers {
        private final String[][] byFirstChar = new String[128][];

        Markers(String... markers) {
            for (String marker : markers) {
                char first = marker.charAt(0);
                String[] bucket = byFirstChar[first];
                String[] grown = bucket == null ? new String[1] : java.util.Arrays.copyOf(bucket, bucket.length + 1);
                grown[grown.length - 1] = marker;
                byFirstChar[first] = grown;
            }
        }

        boolean foundIn(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                String[] bucket = c < 128 ? byFirstChar[c] : null;
                if (bucket != null) {
                    for (String marker : bucket) {
                        if (text.startsWith(marker, i)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }
}
