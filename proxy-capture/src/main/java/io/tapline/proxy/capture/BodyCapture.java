package io.tapline.proxy.capture;

import io.netty.buffer.ByteBuf;
import io.tapline.schema.Body;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.BinaryOperator;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Keeps at most {@code cap} bytes of a body as it streams past, and counts every byte. Never holds more than
 * the cap: the proxy forwards the body itself without buffering it. Gzip and deflate bodies are decoded for
 * the record only, again up to the cap.
 */
public final class BodyCapture {
    private final int cap;
    private final String contentType;
    private final String contentEncoding;
    private byte[] kept;
    private int keptLength;
    private long total;

    private BodyCapture(int cap, String contentType, String contentEncoding) {
        this.cap = cap;
        this.contentType = contentType;
        this.contentEncoding = contentEncoding == null ? null : contentEncoding.trim().toLowerCase(Locale.ROOT);
    }

    /** A capture that keeps bytes only when {@code enabled} and the content type is one worth reading. */
    public static BodyCapture of(boolean enabled, int cap, String contentType, String contentEncoding) {
        boolean keep = enabled && cap > 0 && capturable(contentType);
        return new BodyCapture(keep ? cap : 0, contentType, contentEncoding);
    }

    /** A capture that only counts bytes: for exchanges that keep no body (most), without a header lookup. */
    public static BodyCapture counting() {
        return new BodyCapture(0, null, null);
    }

    /** JSON, text and form bodies are captured; images, archives and other binaries never are. */
    static boolean capturable(String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/") || t.contains("json") || t.startsWith("application/x-www-form-urlencoded")
                || t.startsWith("application/xml") || t.contains("+xml") || t.startsWith("application/javascript");
    }

    /** Counts {@code content} and keeps what still fits under the cap; the buffer is not consumed. */
    public void add(ByteBuf content) {
        int n = content.readableBytes();
        total += n;
        if (cap == 0 || keptLength >= cap || n == 0) {
            return;
        }
        if (kept == null) {
            kept = new byte[Math.min(cap, Math.max(n, 1024))];
        }
        int take = Math.min(n, cap - keptLength);
        if (keptLength + take > kept.length) {
            byte[] bigger = new byte[Math.min(cap, Math.max(kept.length * 2, keptLength + take))];
            System.arraycopy(kept, 0, bigger, 0, keptLength);
            kept = bigger;
        }
        content.getBytes(content.readerIndex(), kept, keptLength, take);
        keptLength += take;
    }

    /** Every byte seen, captured or not. */
    public long totalBytes() {
        return total;
    }

    /**
     * The captured body as text, redacted by {@code redact(contentType, text)}, or null when nothing was
     * captured. {@code truncated} is set when the body (decoded, if compressed) was longer than the cap.
     */
    public Body toBody(BinaryOperator<String> redact) {
        if (cap == 0 || keptLength == 0) {
            return null;
        }
        byte[] bytes = java.util.Arrays.copyOf(kept, keptLength);
        boolean truncated = total > keptLength;
        if ("gzip".equals(contentEncoding) || "x-gzip".equals(contentEncoding) || "deflate".equals(contentEncoding)) {
            Decoded d = inflate(bytes, "deflate".equals(contentEncoding), cap);
            if (d == null) {
                return new Body("[undecodable " + contentEncoding + " body]", truncated, contentType);
            }
            bytes = d.bytes;
            truncated = truncated || d.more;
        }
        String text = utf8(bytes);
        return new Body(redact.apply(contentType, text), truncated, contentType);
    }

    /** Decodes UTF-8, replacing malformed bytes (a body cut mid-character included) instead of failing. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private record Decoded(byte[] bytes, boolean more) {
    }

    /** Inflates at most {@code cap} bytes; a stream cut by the capture cap still yields what it decoded. */
    private static Decoded inflate(byte[] compressed, boolean zlib, int cap) {
        byte[] input = compressed;
        boolean gzip = !zlib;
        int offset = 0;
        if (gzip) {
            offset = gzipHeaderLength(compressed);
            if (offset < 0) {
                return null;
            }
        }
        Inflater inflater = new Inflater(gzip);
        try {
            inflater.setInput(input, offset, input.length - offset);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, 8192));
            byte[] buf = new byte[8192];
            while (out.size() < cap && !inflater.finished() && !inflater.needsInput()) {
                int n = inflater.inflate(buf, 0, Math.min(buf.length, cap - out.size()));
                if (n == 0 && (inflater.needsDictionary() || inflater.needsInput())) {
                    break;
                }
                out.write(buf, 0, n);
            }
            boolean more = !inflater.finished();
            return new Decoded(out.toByteArray(), more);
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    /** Length of a gzip member header (RFC 1952), or -1 when the bytes are not gzip. */
    private static int gzipHeaderLength(byte[] b) {
        if (b.length < 10 || (b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b || b[2] != 8) {
            return -1;
        }
        int flags = b[3] & 0xff;
        int pos = 10;
        if ((flags & 4) != 0) {
            if (pos + 2 > b.length) {
                return -1;
            }
            pos += 2 + ((b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8);
        }
        if ((flags & 8) != 0) {
            while (pos < b.length && b[pos] != 0) {
                pos++;
            }
            pos++;
        }
        if ((flags & 16) != 0) {
            while (pos < b.length && b[pos] != 0) {
                pos++;
            }
            pos++;
        }
        if ((flags & 2) != 0) {
            pos += 2;
        }
        return pos <= b.length ? pos : -1;
    }
}
