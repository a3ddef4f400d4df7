package io.tapline.schema;

/**
 * Reads one stored document's bytes for {@link ByteEntry}: compact JSON only (no whitespace), each read taking
 * exactly one value in the form Jackson writes it or leaving with {@link Leave}, after which nothing read counts.
 */
final class ByteCursor {
    /** Thrown where a document leaves the layout; shared and without a stack trace, it costs nothing. */
    static final class Leave extends Exception {
        Leave() {
            super(null, null, false, false);
        }
    }

    static final Leave LEAVE = new Leave();
    /** Nesting allowed inside an enrichment object; deeper goes to the general reader. */
    private static final int MAX_DEPTH = 16;
    /** Members of one enrichment object compared for repeats; more goes to the general reader. */
    private static final int MAX_MEMBERS = 64;

    byte[] b;
    int pos;
    private int end;
    private int keyFrom;
    private int keyTo;
    /** The current key's first eight bytes (see {@link Key#head}). */
    private long keyHead;

    void reset(byte[] bytes, int start, int limit) {
        b = bytes;
        pos = start;
        end = limit;
    }

    void open() throws Leave {
        expect('{');
    }

    /**
     * A member name to compare keys with ({@link #keyIs}): its bytes, and its first eight of them (fewer for a
     * shorter name, the rest zero) as one little-endian word, so that most keys compare in one step.
     */
    static final class Key {
        final byte[] bytes;
        final long head;

        private Key(byte[] bytes) {
            this.bytes = bytes;
            this.head = head(bytes, 0, bytes.length);
        }

        static Key of(String ascii) {
            return new Key(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    /**
     * Moves to the next member of the object being read, onto its value: false at the object's end (then past
     * its {@code '}'}). The key is compared with {@link #keyIs}.
     */
    boolean member() throws Leave {
        if (pos >= end) {
            throw LEAVE;
        }
        byte c = b[pos];
        if (c == '}') {
            pos++;
            return false;
        }
        // right after '{' a member starts at once; after a value (which never ends in '{') a comma comes first
        if (b[pos - 1] != '{') {
            expect(',');
        }
        if (pos >= end || b[pos] != '"') {
            throw LEAVE;
        }
        int from = pos + 1;
        if (JsonStringBytes.WORDS && from + 8 <= end) {
            // A key of up to seven plain bytes (most of the layout's): its closing quote is the first byte of the
            // next eight that needs a look, the bytes before it are what Jackson writes as they are (see
            // JsonStringBytes.end), and the word read is the key's head as well.
            long w = JsonStringBytes.word(b, from);
            long flagged = JsonStringBytes.special(w);
            int n = Long.numberOfTrailingZeros(flagged) >>> 3;
            if (flagged != 0 && b[from + n] == '"') {
                keyFrom = from;
                keyTo = from + n;
                keyHead = w & ~(-1L << (n << 3)); // n < 8: the bytes before the quote
                pos = from + n + 1;
                expect(':');
                return true;
            }
        }
        int close = JsonStringBytes.end(b, from, end);
        if (close < 0) {
            throw LEAVE;
        }
        keyFrom = from;
        keyTo = close;
        keyHead = head(b, from, close);
        pos = close + 1;
        expect(':');
        return true;
    }

    /** The first eight bytes of {@code b[from, to)} (fewer, the rest zero) as a little-endian word. */
    private static long head(byte[] b, int from, int to) {
        if (to - from >= 8) {
            return JsonStringBytes.word(b, from);
        }
        long w = 0;
        for (int i = Math.min(to, from + 8) - 1; i >= from; i--) {
            w = w << 8 | (b[i] & 0xff);
        }
        return w;
    }

    /**
     * True when {@code a[af, af + n)} and {@code c[cf, cf + n)} hold the same bytes: the names and values compared
     * here are a few bytes long, where a plain loop beats the library's vectorized compare and its set-up.
     */
    private static boolean same(byte[] a, int af, byte[] c, int cf, int n) {
        for (int i = 0; i < n; i++) {
            if (a[af + i] != c[cf + i]) {
                return false;
            }
        }
        return true;
    }

    /** True when the current member's key is exactly {@code name} (raw bytes: an escaped name never is). */
    boolean keyIs(Key name) {
        byte[] bytes = name.bytes;
        int n = keyTo - keyFrom;
        if (n != bytes.length || keyHead != name.head) {
            return false;
        }
        return n <= 8 || same(b, keyFrom + 8, bytes, 8, n - 8);
    }

    /** A string in Jackson's form, quotes included. */
    void string() throws Leave {
        if (pos >= end || b[pos] != '"') {
            throw LEAVE;
        }
        int close = JsonStringBytes.end(b, pos + 1, end);
        if (close < 0) {
            throw LEAVE;
        }
        pos = close + 1;
    }

    /** True when {@code b[f, t)} holds a backslash (an escape). */
    boolean hasEscape(int f, int t) {
        for (int i = f; i < t; i++) {
            if (b[i] == '\\') {
                return true;
            }
        }
        return false;
    }

    /** The index of the constant whose name the next string is, unescaped. */
    int oneOf(byte[][] names) throws Leave {
        int start = pos;
        string();
        int n = pos - start - 2;
        for (int k = 0; k < names.length; k++) {
            byte[] name = names[k];
            if (name.length == n && same(name, 0, b, start + 1, n)) {
                return k;
            }
        }
        throw LEAVE;
    }

    /**
     * A whole number in its one canonical form ({@code 0}, or up to 18 digits without a leading zero, maybe
     * negative: it fits a long, and Jackson writes the long back as these very digits); its range goes to
     * {@code slot} unless that is negative.
     */
    long number(int[] from, int[] to, int slot) throws Leave {
        int start = pos;
        boolean negative = pos < end && b[pos] == '-';
        int i = negative ? pos + 1 : pos;
        int first = i;
        long value = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            value = value * 10 + (b[i] - '0');
            i++;
        }
        int digits = i - first;
        if (digits == 0 || digits > 18 || digits > 1 && b[first] == '0' || negative && value == 0) {
            throw LEAVE;
        }
        pos = i;
        if (slot >= 0) {
            from[slot] = start;
            to[slot] = i;
        }
        return negative ? -value : value;
    }

    boolean bool() throws Leave {
        if (matches("true")) {
            return true;
        }
        if (matches("false")) {
            return false;
        }
        throw LEAVE;
    }

    /**
     * Request headers as the store writes them: an object of string values whose names are lower-case ASCII
     * without escapes, in strictly ascending order. False when it is empty.
     */
    boolean sortedHeaders() throws Leave {
        open();
        int count = 0;
        int previousFrom = -1;
        int previousTo = -1;
        while (member()) {
            for (int i = keyFrom; i < keyTo; i++) {
                byte c = b[i];
                if (c < 0 || c == '\\' || c >= 'A' && c <= 'Z') {
                    throw LEAVE;
                }
            }
            if (previousFrom >= 0 && java.util.Arrays.compare(b, previousFrom, previousTo, b, keyFrom, keyTo) >= 0) {
                throw LEAVE;
            }
            previousFrom = keyFrom;
            previousTo = keyTo;
            string();
            count++;
        }
        return count > 0;
    }

    /**
     * An open object (enrichment) that Jackson would write back byte for byte once read as a map: members with
     * distinct names, each a string, a canonical whole number, a boolean, such an object or an array of such
     * values (see {@link #value}). False when it is empty. A null member (left out when written) and decimals
     * (written in Jackson's own form) leave.
     */
    boolean openJson(int depth) throws Leave {
        if (depth > MAX_DEPTH) {
            throw LEAVE;
        }
        open();
        int[] keys = null;
        int count = 0;
        while (member()) {
            if (count == MAX_MEMBERS) {
                throw LEAVE;
            }
            if (keys == null) {
                keys = new int[8];
            } else if (2 * count + 2 > keys.length) {
                keys = java.util.Arrays.copyOf(keys, keys.length * 2);
            }
            for (int k = 0; k < count; k++) {
                if (keys[2 * k + 1] - keys[2 * k] == keyTo - keyFrom && same(b, keys[2 * k], b, keyFrom, keyTo - keyFrom)) {
                    throw LEAVE; // a repeated name: the map keeps the first place and the last value
                }
            }
            keys[2 * count] = keyFrom;
            keys[2 * count + 1] = keyTo;
            count++;
            if (pos >= end) {
                throw LEAVE;
            }
            value(depth, false);
        }
        return count > 0;
    }

    /**
     * One value of an open object: a string, a canonical whole number, a boolean, an object as {@link #openJson}
     * takes it, or an array of such values, where (only there) a null is kept and written back as it is.
     */
    private void value(int depth, boolean inArray) throws Leave {
        if (pos >= end) {
            throw LEAVE;
        }
        byte c = b[pos];
        if (c == '"') {
            string();
        } else if (c == '{') {
            openJson(depth + 1);
        } else if (c == '[') {
            array(depth + 1);
        } else if (c == 't' || c == 'f') {
            bool();
        } else if (c == 'n' && inArray && matches("null")) {
            return;
        } else {
            number(null, null, -1);
        }
    }

    private void array(int depth) throws Leave {
        if (depth > MAX_DEPTH) {
            throw LEAVE;
        }
        expect('[');
        if (pos < end && b[pos] == ']') {
            pos++;
            return;
        }
        while (true) {
            value(depth, true);
            if (pos < end && b[pos] == ']') {
                pos++;
                return;
            }
            expect(',');
        }
    }

    private boolean matches(String literal) {
        int n = literal.length();
        if (pos + n > end) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != literal.charAt(i)) {
                return false;
            }
        }
        pos += n;
        return true;
    }

    private void expect(char c) throws Leave {
        if (pos >= end || b[pos] != c) {
            throw LEAVE;
        }
        pos++;
    }
}
