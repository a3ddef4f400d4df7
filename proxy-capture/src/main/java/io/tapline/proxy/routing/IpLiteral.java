package io.tapline.proxy.routing;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses IPv4 and IPv6 address literals and nothing else, so that untrusted text (an X-Forwarded-For entry)
 * can never trigger a DNS lookup the way {@link InetAddress#getByName} would; formats addresses canonically.
 */
final class IpLiteral {
    private IpLiteral() {
    }

    /** The address written as {@code text}, or null if it is not an IPv4 or IPv6 literal (zone ids are refused). */
    static InetAddress parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        byte[] bytes = text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text, 0, text.length());
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes); // no lookup; IPv4-mapped IPv6 comes back as Inet4Address
        } catch (UnknownHostException impossible) {
            return null;
        }
    }

    /** An X-Forwarded-For entry: a literal, optionally quoted, {@code [v6]}, {@code [v6]:port} or {@code v4:port}. */
    static InetAddress parseForwarded(String entry) {
        String e = entry.trim();
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1).trim();
        }
        if (e.startsWith("[")) {
            int close = e.indexOf(']');
            if (close < 0 || !(close == e.length() - 1 || isPort(e, close + 1))) {
                return null;
            }
            return parse(e.substring(1, close));
        }
        int colon = e.indexOf(':');
        if (colon > 0 && colon == e.lastIndexOf(':') && isPort(e, colon)) {
            return parse(e.substring(0, colon));
        }
        return parse(e);
    }

    /** Dotted quad for IPv4; RFC 5952 (lower case, longest zero run as "::") for IPv6. */
    static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address || b.length == 4) {
            return (b[0] & 255) + "." + (b[1] & 255) + "." + (b[2] & 255) + "." + (b[3] & 255);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 255) << 8) | (b[2 * i + 1] & 255);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static boolean isPort(String s, int colon) {
        if (colon >= s.length() - 1 || s.charAt(colon) != ':' || s.length() - colon - 1 > 5) {
            return false;
        }
        for (int i = colon + 1; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static byte[] parseV4(String s, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            // Leading zeros are refused: some parsers read them as octal, so their meaning is ambiguous.
            if (i == start || value > 255 || (i - start > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == to ? out : null;
    }

    private static byte[] parseV6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = new int[8];
        int[] tail = new int[8];
        int headCount = gap < 0 ? groups(s, 0, s.length(), head, true) : groups(s, 0, gap, head, false);
        int tailCount = gap < 0 ? 0 : groups(s, gap + 2, s.length(), tail, true);
        if (headCount < 0 || tailCount < 0 || (gap < 0 ? headCount != 8 : headCount + tailCount > 7)) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < headCount; i++) {
            out[2 * i] = (byte) (head[i] >> 8);
            out[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < tailCount; i++) {
            int g = 8 - tailCount + i;
            out[2 * g] = (byte) (tail[i] >> 8);
            out[2 * g + 1] = (byte) tail[i];
        }
        return out;
    }

    /** Parses colon-separated hex groups of {@code s[from, to)} into {@code out}; returns the count or -1. */
    private static int groups(String s, int from, int to, int[] out, boolean dottedQuadLast) {
        if (from == to) {
            return 0;
        }
        int count = 0;
        int i = from;
        while (true) {
            int end = i;
            while (end < to && s.charAt(end) != ':') {
                end++;
            }
            if (dottedQuadLast && end == to && s.indexOf('.', i) >= 0 && s.indexOf('.', i) < to) {
                byte[] v4 = parseV4(s, i, to);
                if (v4 == null || count + 2 > 8) {
                    return -1;
                }
                out[count++] = ((v4[0] & 255) << 8) | (v4[1] & 255);
                out[count++] = ((v4[2] & 255) << 8) | (v4[3] & 255);
                return count;
            }
            if (end == i || end - i > 4 || count == 8) {
                return -1;
            }
            int value = 0;
            for (int k = i; k < end; k++) {
                int d = hexDigit(s.charAt(k));
                if (d < 0) {
                    return -1;
                }
                value = value * 16 + d;
            }
            out[count++] = value;
            if (end == to) {
                return count;
            }
            i = end + 1;
        }
    }

    /** ASCII only: {@link Character#digit} would also accept other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
