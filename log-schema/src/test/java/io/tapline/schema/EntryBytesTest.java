package io.tapline.schema;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EntryBytes}' copies (from anywhere in an array, up to its last byte, past its first buffer) and
 * numbers, against a plain copy and {@link Long#toString}.
 */
class EntryBytesTest {
    @Test
    void copiesEveryLengthFromEveryPlace() {
        Random random = new Random(5);
        byte[] source = new byte[120];
        random.nextBytes(source);
        for (int from = 0; from <= source.length; from++) {
            for (int to = from; to <= source.length; to++) {
                EntryBytes out = new EntryBytes();
                out.reset(source);
                byte[] key = Arrays.copyOf(source, random.nextInt(20)); // a constant: its own whole array
                out.key(key).raw(from, to).raw(from, to);
                byte[] expected = new byte[key.length + 2 * (to - from)];
                System.arraycopy(key, 0, expected, 0, key.length);
                System.arraycopy(source, from, expected, key.length, to - from);
                System.arraycopy(source, from, expected, key.length + to - from, to - from);
                assertThat(out.asUnquotedUTF8()).isEqualTo(expected);
            }
        }
    }

    @Test
    void growsPastItsBuffer() {
        byte[] source = new byte[5000];
        new Random(9).nextBytes(source);
        EntryBytes out = new EntryBytes();
        out.reset(source);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            out.raw(i, i + 13);
            expected.append(new String(source, i, 13, StandardCharsets.ISO_8859_1));
        }
        assertThat(new String(out.asUnquotedUTF8(), StandardCharsets.ISO_8859_1)).isEqualTo(expected.toString());
    }

    @Test
    void writesNumbersAsJacksonDoes() {
        Random random = new Random(3);
        long[] edges = {0, 1, 9, 10, 99, 100, 999_999_999, 1_000_000_000, Long.MAX_VALUE, -1, -10, Long.MIN_VALUE};
        for (int i = 0; i < 10_000; i++) {
            long value = i < edges.length ? edges[i] : random.nextLong() >> random.nextInt(64);
            EntryBytes out = new EntryBytes();
            out.reset(new byte[0]);
            out.key("[".getBytes(StandardCharsets.US_ASCII)).number(value);
            assertThat(new String(out.asUnquotedUTF8(), StandardCharsets.US_ASCII)).isEqualTo("[" + value);
        }
    }
}
