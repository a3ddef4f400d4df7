package io.tapline.api.feed;

import org.junit.jupiter.api.Test;

import java.util.TreeSet;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** How the late scan cuts the settle window into parts of a bounded number of followed ids. */
class LateScanPartsTest {

    @Test
    void partsHoldAtMostSizeFollowedIdsAndCoverTheWindowWithoutGaps() {
        TreeSet<Long> window = ids(101, 126); // 25 ids: 101..125
        LateScan.Parts parts = LateScan.Parts.of(window, 100, 130, 10);
        assertThat(parts.bounds()).containsExactly(100, 110, 120, 130);
        assertThat(parts.known()).containsExactly(10, 10, 5);
    }

    @Test
    void aWindowEndingOnAFullPartHasNoEmptyLastPart() {
        TreeSet<Long> window = ids(1, 21); // 20 ids, the last one the cursor
        LateScan.Parts parts = LateScan.Parts.of(window, 0, 20, 10);
        assertThat(parts.bounds()).containsExactly(0, 10, 20);
        assertThat(parts.known()).containsExactly(10, 10);
    }

    @Test
    void anEmptyOrSmallWindowIsOnePart() {
        assertThat(LateScan.Parts.of(new TreeSet<>(), 5, 9, 10).bounds()).containsExactly(5, 9);
        assertThat(LateScan.Parts.of(new TreeSet<>(), 5, 9, 10).known()).containsExactly(0);
        LateScan.Parts small = LateScan.Parts.of(ids(6, 9), 5, 9, 10);
        assertThat(small.bounds()).containsExactly(5, 9);
        assertThat(small.known()).containsExactly(3);
    }

    @Test
    void sparseIdsAreCountedNotMeasured() {
        // Parts follow the followed ids, not equal widths of the id space: a burst and a quiet stretch both fit.
        TreeSet<Long> window = new TreeSet<>();
        LongStream.range(0, 15).forEach(i -> window.add(1_000 + i));
        window.add(1_000_000L);
        LateScan.Parts parts = LateScan.Parts.of(window, 0, 2_000_000, 8);
        assertThat(parts.bounds()).containsExactly(0, 1_007, 1_000_000, 2_000_000);
        assertThat(parts.known()).containsExactly(8, 8, 0);
    }

    private static TreeSet<Long> ids(long from, long to) {
        TreeSet<Long> set = new TreeSet<>();
        LongStream.range(from, to).forEach(set::add);
        return set;
    }
}
