package io.tapline.store;

import io.tapline.schema.IndexNames;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The start of each record's {@code _bulk} action line (the index action naming the record's daily index, up to
 * the {@code _id} value), per UTC day. Records of a batch fall on a few days, so the latest few are kept instead
 * of formatting the index name for every record. One per {@link BulkIndexer#index} call, not shared between
 * threads.
 */
final class ActionLines {
    private static final long DAY_MS = 86_400_000L;
    private static final int KEPT = 4;

    private final long[] days = new long[KEPT];
    private final byte[][] prefixes = new byte[KEPT][];
    private int next;

    /** The bytes up to the record id of the action line of a record captured at {@code tsMs}. */
    byte[] prefix(long tsMs) {
        long day = Math.floorDiv(tsMs, DAY_MS);
        for (int i = 0; i < KEPT; i++) {
            if (prefixes[i] != null && days[i] == day) {
                return prefixes[i];
            }
        }
        byte[] prefix = ("{\"index\":{\"_index\":\"" + IndexNames.dailyIndex(tsMs) + "\",\"_id\":\"")
                .getBytes(StandardCharsets.UTF_8);
        days[next] = day;
        prefixes[next] = prefix;
        next = (next + 1) % KEPT;
        return prefix;
    }

    /** Writes {@code value} in decimal, as {@code Long.toString} would, without making a string. */
    static void writeDecimal(ByteArrayOutputStream out, long value) {
        if (value == Long.MIN_VALUE) {
            out.writeBytes(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        if (value < 0) {
            out.write('-');
            value = -value;
        }
        byte[] digits = new byte[19];
        int at = digits.length;
        do {
            digits[--at] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        out.write(digits, at, digits.length - at);
    }
}
