package io.tapline.schema;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer for JSON lines, read in place: what {@link EcsAsciiWriter} writes into directly and a
 * Jackson generator writes into as an {@link OutputStream}. Unlike {@code ByteArrayOutputStream} it is not
 * synchronized and can be cut back after a record that was given up. Not thread-safe.
 */
public final class JsonLineBuffer extends OutputStream {
    /** Past this size after a batch, {@link #reset} drops the array: a batch of huge bodies does not pin it. */
    private static final int KEEP = 8 << 20;

    private final int initial;
    byte[] buf; // package-private: EcsAsciiWriter writes in place
    int count;

    /** Scratch for {@link EcsAsciiWriter}: a record's leaf values, reused rather than allocated per record. */
    private Object[] leafValues;

    public JsonLineBuffer(int initialSize) {
        this.initial = initialSize;
        this.buf = new byte[initialSize];
    }

    /** The bytes, valid from 0 to {@link #size}; the array changes when the buffer grows. */
    public byte[] array() {
        return buf;
    }

    public int size() {
        return count;
    }

    /** Forgets everything past {@code size}. */
    public void truncate(int size) {
        if (size < 0 || size > count) {
            throw new IllegalArgumentException("cannot truncate " + count + " bytes to " + size);
        }
        count = size;
    }

    /** Empties the buffer for the next batch. */
    public void reset() {
        count = 0;
        if (buf.length > KEEP) {
            buf = new byte[initial];
        }
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        ensure(len);
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    /** The last plan {@link EcsAsciiWriter} used, by the leaves present: records come in few shapes. */
    private long planKey = -1;
    private int[] plan;
    private String url;
    private UrlParts urlParts;

    /** {@code EcsJsonWriter.planOf(present)}, remembered for the last shape (the memo itself is a shared map). */
    int[] plan(long present) {
        if (present != planKey || plan == null) {
            plan = EcsJsonWriter.planOf(present);
            planKey = present;
        }
        return plan;
    }

    /** {@code UrlParts.of(url)}, remembered for the last URL: a request and its response carry the same one. */
    UrlParts urlParts(String target) {
        if (urlParts == null || !target.equals(url)) {
            urlParts = UrlParts.of(target);
            url = target;
        }
        return urlParts;
    }

    Object[] leafValues() {
        if (leafValues == null) {
            leafValues = new Object[EcsJsonWriter.leafCount()];
        }
        return leafValues;
    }

    /** Room for {@code more} bytes past {@link #size}. */
    void ensure(int more) {
        if (buf.length - count < more) {
            long wanted = Math.max((long) count + more, buf.length * 2L);
            if ((long) count + more > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("a JSON line batch over 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
        }
    }

    /** Appends a byte known to fit after {@link #ensure}. */
    void put(byte b) {
        buf[count++] = b;
    }
}
