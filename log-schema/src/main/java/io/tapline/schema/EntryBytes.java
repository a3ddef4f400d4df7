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

    EntryBytes key(String ascii) {
        int n = ascii.length();
        room(n);
        ascii.getBytes(0, n, buf, count); // ASCII only: one byte per char
        count += n;
        return this;
    }

    EntryBytes key(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buf, count, bytes.length);
        count += bytes.length;
        return this;
    }

    /** A string's raw bytes, quotes included. */
    EntryBytes string(int f, int t) {
        return raw(f, t);
    }

    EntryBytes raw(int f, int t) {
        room(t - f);
        System.arraycopy(src, f, buf, count, t - f);
        count += t - f;
        return this;
    }

    EntryBytes digits(int f, int t) {
        return raw(f, t);
    }

    void optional(String key, int f, int t) {
        if (f >= 0) {
            key(key).raw(f, t);
        }
    }

    EntryBytes number(long value) {
        return key(Long.toString(value));
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
