package io.tapline.schema;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IsoBytes} against {@link Timestamps#canonicalIso} on the same bytes' text: valid times across the range
 * {@link Timestamps#iso} writes, every byte value at every position, and runs of calls that share or change the date
 * it keeps from the last call.
 */
class IsoBytesTest {
    @Test
    void readsWhatTheTextReaderReads() {
        Random random = new Random(11);
        IsoBytes iso = new IsoBytes();
        String previous = Timestamps.iso(0L);
        for (int i = 0; i < 20_000; i++) {
            long ms = switch (random.nextInt(4)) {
                case 0 -> random.nextLong(253_402_300_800_000L); // up to 9999-12-31
                case 1 -> -random.nextLong(62_135_596_800_000L); // before 1970, down to year 1
                case 2 -> Timestamps.canonicalIso(previous) + random.nextInt(86_400_000); // often the same date
                default -> 1_700_000_000_000L + random.nextInt(1_000_000);
            };
            String text = Timestamps.iso(ms);
            assertSame(iso, text.getBytes(StandardCharsets.ISO_8859_1), 0);
            if (text.length() == 24) {
                previous = text;
            }
        }
    }

    @Test
    void everyByteAtEveryPlaceGivesTheSameAnswer() {
        IsoBytes iso = new IsoBytes();
        byte[] valid = "2024-02-29T23:59:59.999Z".getBytes(StandardCharsets.ISO_8859_1);
        for (int at = 0; at < valid.length; at++) {
            for (int value = 0; value < 256; value++) {
                byte[] bytes = new byte[valid.length + 3]; // at an odd offset in a longer array
                System.arraycopy(valid, 0, bytes, 3, valid.length);
                bytes[3 + at] = (byte) value;
                assertSame(iso, bytes, 3);
                assertSame(iso, valid, 0); // and back to the date kept
            }
        }
        for (String odd : new String[]{"2023-02-29T00:00:00.000Z", "2024-13-01T00:00:00.000Z", "2024-00-10T00:00:00.000Z",
                "2024-04-31T00:00:00.000Z", "2024-01-00T00:00:00.000Z", "0000-01-01T00:00:00.000Z",
                "1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00.000Z", "2024-01-01T24:00:00.000Z",
                "2024-01-01T23:60:00.000Z", "2024-01-01T23:59:60.000Z"}) {
            assertSame(iso, odd.getBytes(StandardCharsets.ISO_8859_1), 0);
        }
    }

    private static void assertSame(IsoBytes iso, byte[] bytes, int at) {
        String text = new String(bytes, at, 24, StandardCharsets.ISO_8859_1);
        assertThat(iso.millis(bytes, at)).as(text).isEqualTo(Timestamps.canonicalIso(text));
    }
}
