package io.tapline.schema;

import com.fasterxml.jackson.core.SerializableString;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An entry's bytes as {@link ByteEntry} assembles them (constant keys, copies of the document's bytes, numbers),
 * handed to the generator as one raw value: {@code writeRawValue} copies them into its buffer, after the separator
 * the array needs.
 */
final class EntryBytes implements SerializableString {
    private byte[] buf = new byte[2048];
    private int count;
    private byte[] src;

    void reset(byte[] source) {
        src = source;
        count = 0;
    }

    EntryBytes key(byte[] bytes) {
        copy(bytes, 0, bytes.length);
        return this;
    }

    /** The document's bytes {@code [f, t)} (a string with its quotes, a number, an object). */
    EntryBytes raw(int f, int t) {
        copy(src, f, t - f);
        return this;
    }

    /** The key and the document's bytes {@code [f, t)}, when {@code f} is not negative (there is a value). */
    void optional(byte[] key, int f, int t) {
        if (f >= 0) {
            copy(key, 0, key.length);
            copy(src, f, t - f);
        }
    }

    /** A long as Jackson writes it. */
    EntryBytes number(long value) {
        if (value < 0) {
            byte[] text = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
            copy(text, 0, text.length);
            return this;
        }
        int n = 1;
        for (long v = value; v >= 10; v /= 10) {
            n++;
        }
        room(n);
        int i = count + n;
        count = i;
        do {
            buf[--i] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        return this;
    }

    private void copy(byte[] from, int f, int n) {
        room(n);
        System.arraycopy(from, f, buf, count, n);
        count += n;
    }

    private void room(int n) {
        if (count + n > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + n));
        }
    }

    @Override
    public String getValue() {
        return new String(buf, 0, count, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        return getValue().toCharArray();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return java.util.Arrays.copyOf(buf, count);
    }

    @Override
    public byte[] asQuotedUTF8() {
        return asUnquotedUTF8();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return appendUnquotedUTF8(buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        return -1;
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + count > buffer.length) {
            return -1;
        }
        System.arraycopy(buf, 0, buffer, offset, count);
        return count;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        return -1;
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return writeUnquotedUTF8(out);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(buf, 0, count);
        return count;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        return putUnquotedUTF8(buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < count) {
            return -1;
        }
        buffer.put(buf, 0, count);
        return count;
    }
}
