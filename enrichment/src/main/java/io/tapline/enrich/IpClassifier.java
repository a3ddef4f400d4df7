package io.tapline.enrich;

import java.util.Objects;

/**
 * Classifies a client IP literal as loopback, private (RFC 1918, CGNAT 100.64/10, unique local fc00::/7),
 * link-local or public, and tells its version. Literals are parsed by hand: a host name is never resolved.
 * An IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is the IPv4 address it carries, as Elasticsearch stores it.
 */
final class IpClassifier {
    static final String LOOPBACK = "loopback";
    static final String PRIVATE = "private";
    static final String LINK_LOCAL = "link_local";
    static final String PUBLIC = "public";

    /** A parsed address: its version (4 or 6) and its class, null for unspecified and multicast addresses. */
    static final class IpClass {
        final int version;
        final String ipClass;

        private static final String[] CLASSES = {LOOPBACK, PRIVATE, LINK_LOCAL, PUBLIC, null};
        /** Every possible answer, made once: per version, per class in the order of {@link #CLASSES}. */
        private static final IpClass[][] ALL = {answers(4), answers(6)};

        private IpClass(int version, String ipClass) {
            this.version = version;
            this.ipClass = ipClass;
        }

        static IpClass of(int version, String ipClass) {
            IpClass[] answers = ALL[version == 4 ? 0 : 1];
            for (IpClass answer : answers) {
                if (Objects.equals(answer.ipClass, ipClass)) {
                    return answer;
                }
            }
            throw new IllegalArgumentException("no IP class " + ipClass);
        }

        private static IpClass[] answers(int version) {
            IpClass[] answers = new IpClass[CLASSES.length];
            for (int i = 0; i < CLASSES.length; i++) {
                answers[i] = new IpClass(version, CLASSES[i]);
            }
            return answers;
        }
    }

    private IpClassifier() {
    }

    /** The class of an address literal (brackets, a zone and a port are tolerated), or null when unparseable. */
    static IpClass classify(String text) {
        IpClass v4 = text == null ? null : plainV4(text);
        return v4 != null ? v4 : classifyAnyForm(text);
    }

    /**
     * The class of {@code text} when it is nothing but a dotted IPv4 address ({@code 203.0.113.7}), the usual
     * form, read in place without copies; null for every other text, which {@link #classifyAnyForm} reads.
     */
    private static IpClass plainV4(String s) {
        int n = s.length();
        int i = 0;
        int b0 = 0;
        int b1 = 0;
        for (int part = 0; part < 4; part++) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || value > 255) {
                return null;
            }
            if (part == 0) {
                b0 = value;
            } else if (part == 1) {
                b1 = value;
            }
            if (part < 3) {
                if (i >= n || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == n ? IpClass.of(4, classifyV4(b0, b1)) : null;
    }

    /** {@link #classify} for any form: brackets, a zone, a port, blanks around, IPv6. */
    static IpClass classifyAnyForm(String text) {
        byte[] address = parse(text);
        if (address == null) {
            return null;
        }
        if (address.length == 16 && isV4Mapped(address)) {
            address = java.util.Arrays.copyOfRange(address, 12, 16);
        }
        return address.length == 4 ? IpClass.of(4, classifyV4(address)) : IpClass.of(6, classifyV6(address));
    }

    /** The 4 or 16 bytes of an address literal, or null. */
    static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.isEmpty() || s.length() > 64) {
            return null;
        }
        if (s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 0 || !(close == s.length() - 1 || s.charAt(close + 1) == ':')) {
                return null;
            }
            s = s.substring(1, close); // [v6] or [v6]:port
        } else {
            int colon = s.indexOf(':');
            if (colon > 0 && colon == s.lastIndexOf(':') && s.indexOf('.') > 0) {
                s = s.substring(0, colon); // v4:port
            }
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s, 0, s.length());
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
            if (i == start || value > 255) {
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
        int n = s.length();
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (n > 0 && s.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            if (count >= 8) {
                return null;
            }
            int j = i;
            int value = 0;
            while (j < n && j - i < 5 && hex(s.charAt(j)) >= 0) {
                value = value * 16 + hex(s.charAt(j));
                j++;
            }
            if (j < n && s.charAt(j) == '.') {
                byte[] v4 = parseV4(s, i, n); // the last 32 bits written as IPv4
                if (v4 == null || count > 6) {
                    return null;
                }
                groups[count++] = (v4[0] & 0xff) << 8 | (v4[1] & 0xff);
                groups[count++] = (v4[2] & 0xff) << 8 | (v4[3] & 0xff);
                break;
            }
            if (j == i || j - i > 4) {
                return null;
            }
            groups[count++] = value;
            if (j == n) {
                break;
            }
            if (s.charAt(j) != ':') {
                return null;
            }
            if (j + 1 < n && s.charAt(j + 1) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i = j + 2;
            } else if (j + 1 == n) {
                return null; // a trailing single colon
            } else {
                i = j + 1;
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        int[] full = new int[8];
        int tail = gap < 0 ? 0 : count - gap;
        int head = gap < 0 ? count : gap;
        System.arraycopy(groups, 0, full, 0, head);
        System.arraycopy(groups, head, full, 8 - tail, tail);
        byte[] out = new byte[16];
        for (int g = 0; g < 8; g++) {
            out[2 * g] = (byte) (full[g] >> 8);
            out[2 * g + 1] = (byte) full[g];
        }
        return out;
    }

    private static String classifyV4(byte[] a) {
        return classifyV4(a[0] & 0xff, a[1] & 0xff);
    }

    /** By the first two bytes of the address, all the rules need. */
    private static String classifyV4(int b0, int b1) {
        if (b0 == 0 || b0 >= 224) {
            return null; // unspecified "this network", multicast and reserved: no real client
        }
        if (b0 == 127) {
            return LOOPBACK;
        }
        if (b0 == 10 || (b0 == 172 && b1 >= 16 && b1 <= 31) || (b0 == 192 && b1 == 168)
                || (b0 == 100 && b1 >= 64 && b1 <= 127)) {
            return PRIVATE;
        }
        if (b0 == 169 && b1 == 254) {
            return LINK_LOCAL;
        }
        return PUBLIC;
    }

    private static String classifyV6(byte[] a) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 15; i++) {
            zeroPrefix &= a[i] == 0;
        }
        if (zeroPrefix) {
            return a[15] == 1 ? LOOPBACK : null; // ::1, or :: (unspecified)
        }
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        if ((b0 & 0xfe) == 0xfc) {
            return PRIVATE;
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return LINK_LOCAL;
        }
        return b0 == 0xff ? null : PUBLIC; // ff00::/8 is multicast
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
    }

    private static int hex(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }
}
