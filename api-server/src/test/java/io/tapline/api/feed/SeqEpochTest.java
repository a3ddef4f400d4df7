package io.tapline.api.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SeqEpochTest {

    @TempDir
    Path dir;

    @Test
    void theClockAloneStartsAtMillisecondsTimesAThousandStayingJavaScriptSafe() {
        assertThat(SeqEpoch.fromClock(() -> 1_763_800_000_000L).firstSeq()).isEqualTo(1_763_800_000_000_000L)
                .isLessThan(1L << 53);
    }

    @Test
    void aPersistedReservationKeepsTheNextRunBeyondEverIssuedIdPlusTheMarginWhateverTheClockDoes() {
        Path file = dir.resolve("seq");
        SeqEpoch first = SeqEpoch.persistent(file, () -> 5_000L);
        long issued = first.firstSeq() + 250_000;
        for (long seq = first.firstSeq(); seq <= issued; seq++) {
            first.reserve(seq);
        }
        SeqEpoch second = SeqEpoch.persistent(file, () -> 4_000L); // the clock stepped back
        assertThat(second.firstSeq()).isGreaterThanOrEqualTo(issued + SeqEpoch.MARGIN);
    }

    @Test
    void anUnreadableStateFileFallsBackToTheClock() throws Exception {
        Path file = dir.resolve("seq");
        Files.writeString(file, "not a number");
        assertThat(SeqEpoch.persistent(file, () -> 7L).firstSeq()).isEqualTo(7_000L);
        assertThat(Files.readString(file).trim()).isEqualTo(Long.toString(7_000L + 100_000L));
    }
}
