package io.tapline.redact;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A structure-agnostic scrub for text that is not (valid) JSON: wherever a secret name, quoted or bare, is
 * followed by {@code :} or {@code =}, its value is removed; in plain text also the content of an XML element with
 * a secret name and a {@code Bearer} token. It trusts no string or nesting state of the
 * surrounding text, so it errs towards removing too much; a value whose end it cannot find runs to the end.
 */
final class SecretScrubber {
    private final Set<String> valueNames;
    private final Set<String> lineNames;
    private final boolean json;
    private final int maxNameLength;
    /** Every name, value and line, for {@link #mayFindSecret}. */
    private final SecretNames allNames;

    /**
     * @param valueNames names whose value (a quoted string, a bracketed structure or a bare word) is secret
     * @param lineNames  header-like names whose value runs to the end of the line ({@code Authorization: ...})
     * @param json       true for broken JSON (values become {@code "[REDACTED]"}), false for plain text
     */
    SecretScrubber(Set<String> valueNames, Set<String> lineNames, boolean json) {
        this.valueNames = valueNames;
        this.lineNames = lineNames;
        this.json = json;
        this.maxNameLength = Stream.concat(valueNames.stream(), lineNames.stream())
                .mapToInt(String::length).max().orElse(0);
        this.allNames = new SecretNames(Stream.concat(valueNames.stream(), lineNames.stream())
                .collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * Whether {@link #scrub} could change the text that the raw JSON string content {@code s[from, to)} says:
     * a secret name just before a {@code :} or {@code =} (quotes and their escapes between them allowed) or just
     * after a {@code <}, or a backslash-u escape that could spell one. A cheap look at the raw chars, so that the
     * strings of a JSON document (timestamps, URLs, user agents) are not all decoded and scrubbed.
     */
    boolean mayFindSecret(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ':' || c == '=') {
                int end = i;
                while (end > from && isQuoteOrBlank(s.charAt(end - 1))) {
                    end--;
                }
                int start = end;
                while (start > from && isNameChar(s.charAt(start - 1))) {
                    start--;
                }
                if (end > start && allNames.containsAscii(s, start, end)) {
                    return true;
                }
            } else if (c == '<') {
                int end = i + 1;
                while (end < to && (isNameChar(s.charAt(end)) || s.charAt(end) == ':')) {
                    end++;
                }
                int start = Math.max(i + 1, s.lastIndexOf(':', end - 1) + 1);
                if (end > start && allNames.containsAscii(s, start, end)) {
                    return true;
                }
            } else if (c == '\\' && i + 1 < to && s.charAt(i + 1) == 'u') {
                return true;
            }
        }
        return false;
    }

    private static boolean isQuoteOrBlank(char c) {
        return c == '"' || c == '\'' || c == '\\' || c == ' ' || c == '\t';
    }

    String scrub(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        TextSplice splice = new TextSplice(s);
        scan(s, 0, s.length(), splice);
        return splice.result();
    }

    /** Scrubs {@code s[from, to)} into the splice; returns where scanning stopped, at least {@code to}. */
    private int scan(String s, int from, int to, TextSplice splice) {
        int n = s.length();
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            int next = -1;
            if (c == '"' || c == '\'') {
                // Escaped names take up to 6 chars per char; anything longer cannot be a secret name.
                int close = JsonStrings.closingQuote(s, i, Math.min(n, i + 2 + 6 * maxNameLength));
                if (close > i) {
                    next = tryName(s, i + 1, close, close + 1, splice);
                }
            } else if (c == '<' && !json) {
                next = tryElement(s, i, splice);
            } else if (isNameChar(c) && (i == 0 || !isNameChar(s.charAt(i - 1)))) {
                int end = i;
                while (end < n && isNameChar(s.charAt(end))) {
                    end++;
                }
                next = tryName(s, i, end, end, splice);
                if (next < 0) {
                    i = end;
                    continue;
                }
            }
            // Only a match moves past the quote: names inside unmatched strings are still looked at.
            i = next > i ? next : i + 1;
        }
        return i;
    }

    /**
     * An XML element with a secret name, in any namespace ({@code <password>}, {@code <wsse:Password Type="...">}):
     * everything up to its closing tag goes, child elements included, or to the end of the text when the closing
     * tag never comes (a body cut off by the capture cap). Its attributes are scrubbed as any other text. Returns
     * where scanning resumes, or -1 when this is no such element (a self-closing tag has no content to hide).
     */
    private int tryElement(String s, int lt, TextSplice splice) {
        int n = s.length();
        int nameEnd = lt + 1;
        while (nameEnd < n && (isNameChar(s.charAt(nameEnd)) || s.charAt(nameEnd) == ':')) {
            nameEnd++;
        }
        int localStart = Math.max(lt + 1, s.lastIndexOf(':', nameEnd - 1) + 1);
        if (nameEnd == localStart || nameEnd - localStart > maxNameLength
                || !valueNames.contains(s.substring(localStart, nameEnd).toLowerCase(Locale.ROOT))) {
            return -1;
        }
        int gt = tagEnd(s, nameEnd);
        if (gt < 0 || s.charAt(gt - 1) == '/') {
            return -1;
        }
        int start = Math.max(gt + 1, scan(s, nameEnd, gt, splice));
        int closing = s.indexOf("</" + s.substring(lt + 1, nameEnd), start);
        int end = closing < 0 ? n : closing;
        if (end > start) {
            splice.replace(start, end, Redactor.REDACTED);
        }
        return Math.max(start, end);
    }

    /** The {@code >} that ends a start tag whose name ends at {@code from}, past quoted attribute values; or -1. */
    private static int tagEnd(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '>') {
                return i;
            }
            if (c == '"' || c == '\'') {
                int close = s.indexOf(c, i + 1);
                if (close < 0) {
                    return -1;
                }
                i = close;
            }
        }
        return -1;
    }

    /** Name is {@code s[from, to)} (raw), followed by text at {@code after}; returns where scanning resumes, or -1. */
    private int tryName(String s, int from, int to, int after, TextSplice splice) {
        int n = s.length();
        if (!json && isBearer(s, from, to)) {
            return after < n && s.charAt(after) == ' ' ? redactBearerToken(s, after + 1, splice) : -1;
        }
        int j = skipBlanks(s, after, false);
        char sep = j < n ? s.charAt(j) : 0;
        if (sep != ':' && sep != '=') {
            return -1;
        }
        String name = JsonStrings.decode(s, from, to).toLowerCase(Locale.ROOT);
        if (!json && sep == ':' && lineNames.contains(name)) {
            int start = skipBlanks(s, j + 1, false);
            int end = start;
            while (end < n && s.charAt(end) != '\n' && s.charAt(end) != '\r') {
                end++;
            }
            if (end > start) {
                splice.replace(start, end, Redactor.REDACTED);
            }
            return end;
        }
        if (!valueNames.contains(name)) {
            return -1;
        }
        int start = skipBlanks(s, j + 1, json);
        if (start >= n) {
            return n;
        }
        int end = valueEnd(s, start);
        if (end > start) {
            char first = s.charAt(start);
            String quote = first == '\'' ? "'" : first == '"' || json ? "\"" : "";
            splice.replace(start, end, quote + Redactor.REDACTED + quote);
        }
        return Math.max(end, start);
    }

    private int valueEnd(String s, int start) {
        int n = s.length();
        char c = s.charAt(start);
        if (c == '"' || c == '\'') {
            int close = JsonStrings.closingQuote(s, start, n);
            return close < 0 ? n : close + 1;
        }
        if (c == '{' || c == '[') {
            return containerEnd(s, start);
        }
        int end = start;
        while (end < n && !isDelimiter(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** End of a bracketed value; the end of the text when it is cut off or its brackets do not pair up. */
    private static int containerEnd(String s, int start) {
        int n = s.length();
        char[] stack = new char[16];
        int depth = 0;
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                int close = JsonStrings.closingQuote(s, i, n);
                if (close < 0) {
                    return n;
                }
                i = close;
            } else if (c == '{' || c == '[') {
                if (depth == stack.length) {
                    stack = java.util.Arrays.copyOf(stack, depth * 2);
                }
                stack[depth++] = c;
            } else if (c == '}' || c == ']') {
                if (stack[depth - 1] != (c == '}' ? '{' : '[')) {
                    return n;
                }
                if (--depth == 0) {
                    return i + 1;
                }
            }
        }
        return n;
    }

    private static boolean isBearer(String s, int from, int to) {
        return to - from == 6 && s.regionMatches(true, from, "bearer", 0, 6);
    }

    /** {@code Bearer <token>} anywhere in plain text: the token (token68 syntax, 8+ chars) goes. */
    private static int redactBearerToken(String s, int start, TextSplice splice) {
        int end = start;
        while (end < s.length() && isToken68(s.charAt(end))) {
            end++;
        }
        if (end - start < 8) {
            return -1;
        }
        splice.replace(start, end, Redactor.REDACTED);
        return end;
    }

    private static int skipBlanks(String s, int from, boolean newlinesToo) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || (newlinesToo && (c == '\n' || c == '\r'))) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private boolean isDelimiter(char c) {
        if (c == ',' || c == '}' || c == ']' || c == '\n' || c == '\r') {
            return true;
        }
        return !json && (c == ' ' || c == '\t' || c == '&' || c == ';' || c == '"' || c == '\'' || c == '<');
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.';
    }

    private static boolean isToken68(char c) {
        return isNameChar(c) || c == '~' || c == '+' || c == '/' || c == '=';
    }
}
