package io.tapline.store.aggregate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeGridTest {

    private static final long HOUR = 3_600_000L;

    @Test
    void bucketsStartOnWholeMultiplesOfTheIntervalAndCoverTheRange() {
        TimeGrid grid = new TimeGrid(10 * HOUR + 1, 13 * HOUR + 1, HOUR);

        assertThat(grid.firstBucketMs()).isEqualTo(10 * HOUR);
        assertThat(grid.lastBucketMs()).isEqualTo(13 * HOUR);
        assertThat(grid.bucketCount()).isEqualTo(4);
    }

    @Test
    void anAlignedRangeHasNoPartialBucket() {
        TimeGrid grid = new TimeGrid(10 * HOUR, 13 * HOUR, HOUR);

        assertThat(grid.bucketCount()).isEqualTo(3);
        assertThat(grid.lastBucketMs()).isEqualTo(12 * HOUR);
    }

    @Test
    void aRangeWithinOneBucketHasOne() {
        assertThat(new TimeGrid(10 * HOUR + 5, 10 * HOUR + 6, HOUR).bucketCount()).isEqualTo(1);
    }

    @Test
    void refusesAnEmptyOrInvertedRangeAndANonPositiveInterval() {
        assertThatThrownBy(() -> new TimeGrid(5, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeGrid(6, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeGrid(0, 5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
