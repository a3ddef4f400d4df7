package io.tapline.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {

    @Test
    void formatsUtcWithExactlyThreeFractionDigits() {
        assertThat(Timestamps.iso(1718201234000L)).isEqualTo("2024-06-12T14:07:14.000Z");
        assertThat(Timestamps.iso(1718201234102L)).isEqualTo("2024-06-12T14:07:14.102Z");
        assertThat(Timestamps.iso(0L)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(Timestamps.iso(1718201234007L)).isEqualTo("2024-06-12T14:07:14.007Z");
    }

    @Test
    void theRememberedLastTimeNeverAnswersForAnotherOne() {
        java.time.format.DateTimeFormatter reference = java.time.format.DateTimeFormatter
                .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
        long[] times = {0L, 0L, 1L, 1718201234102L, 1718201234102L, 1718201234103L, 0L, 253_402_300_799_999L,
                253_402_300_800_000L, 253_402_300_800_000L, -1L, 1718201234102L};
        for (long t : times) {
            assertThat(Timestamps.iso(t)).as("%d", t).isEqualTo(reference.format(java.time.Instant.ofEpochMilli(t)));
        }
        for (int i = 0; i < 3; i++) { // the slow path's times too, before and after a time was remembered
            assertThat(Timestamps.iso(Long.MIN_VALUE)).isEqualTo(reference.format(java.time.Instant.ofEpochMilli(Long.MIN_VALUE)));
            assertThat(Timestamps.iso(5L)).isEqualTo("1970-01-01T00:00:00.005Z");
        }
    }

    @Test
    void parsesWhatItFormats() {
        assertThat(Timestamps.parse(Timestamps.iso(1718201234102L))).isEqualTo(1718201234102L);
    }

    @Test
    void parsesIsoWithoutMillisOrWithMoreDigitsTruncatingToMillis() {
        assertThat(Timestamps.parse("2024-06-12T14:07:14Z")).isEqualTo(1718201234000L);
        assertThat(Timestamps.parse("2024-06-12T14:07:14.102999999Z")).isEqualTo(1718201234102L);
    }

    @Test
    void rejectsTextThatIsNoTime() {
        assertThatThrownBy(() -> Timestamps.parse("yesterday")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Timestamps.parse(true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFastFormatterAgreesWithJavaTimeEverywhere() {
        java.time.format.DateTimeFormatter reference = java.time.format.DateTimeFormatter
                .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            long ms = random.nextLong(0, 253_402_300_800_000L);
            assertThat(Timestamps.iso(ms)).isEqualTo(reference.format(java.time.Instant.ofEpochMilli(ms)));
        }
        for (long edge : new long[]{0L, 999L, 1000L, 951_782_400_000L /* 2000-02-29 */, 253_402_300_799_999L}) {
            assertThat(Timestamps.iso(edge)).isEqualTo(reference.format(java.time.Instant.ofEpochMilli(edge)));
        }
    }

    @Test
    void theCanonicalFastPathAgreesWithTheGeneralParser() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            String iso = Timestamps.iso(random.nextLong(0, 253_402_300_800_000L));
            assertThat(Timestamps.parse(iso)).isEqualTo(java.time.Instant.parse(iso).toEpochMilli());
        }
        assertThat(Timestamps.parse("2000-02-29T23:59:59.999Z")).isEqualTo(951_868_799_999L);
        assertThat(Timestamps.parse("0000-01-01T00:00:00.000Z"))
                .isEqualTo(java.time.Instant.parse("0000-01-01T00:00:00.000Z").toEpochMilli());
    }

    @Test
    void canonicalLookingTextThatIsNoTimeIsStillRefused() {
        for (String bad : new String[]{"2023-02-29T00:00:00.000Z", "2024-13-01T00:00:00.000Z", "2024-00-10T00:00:00.000Z",
                "2024-06-31T00:00:00.000Z", "2024-06-12T24:00:00.000Z", "2024-06-12T14:60:00.000Z",
                "2024-06-12T14:07:60.000Z", "2024-06-1xT14:07:14.102Z", "-024-06-12T14:07:14.102Z"}) {
            assertThatThrownBy(() -> Timestamps.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
