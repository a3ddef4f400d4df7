package io.tapline.api.histogram;

import io.tapline.store.aggregate.TimeGrid;
import org.junit.jupiter.api.Test;

import static io.tapline.api.histogram.HistogramInterval.DAY;
import static io.tapline.api.histogram.HistogramInterval.HOUR;
import static io.tapline.api.histogram.HistogramInterval.MINUTE;
import static io.tapline.api.histogram.HistogramInterval.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class HistogramIntervalTest {

    @Test
    void parsesWholeNumbersOfSecondsMinutesHoursAndDays() {
        assertThat(HistogramInterval.parse("30s")).isEqualTo(new HistogramInterval("30s", 30 * SECOND));
        assertThat(HistogramInterval.parse("5m")).isEqualTo(new HistogramInterval("5m", 5 * MINUTE));
        assertThat(HistogramInterval.parse("1h")).isEqualTo(new HistogramInterval("1h", HOUR));
        assertThat(HistogramInterval.parse("365d")).isEqualTo(new HistogramInterval("365d", 365 * DAY));
    }

    @Test
    void writesEachIntervalWithItsLargestExactUnit() {
        assertThat(HistogramInterval.parse("60s").label()).isEqualTo("1m");
        assertThat(HistogramInterval.parse("90s").label()).isEqualTo("90s");
        assertThat(HistogramInterval.parse("120m").label()).isEqualTo("2h");
        assertThat(HistogramInterval.parse("48h").label()).isEqualTo("2d");
    }

    @Test
    void refusesZeroUnknownUnitsFractionsSignsAndWidthsOverAYear() {
        for (String bad : new String[]{"0m", "05m", "5", "m", "5w", "5M", "1.5h", "-5m", "+5m", " 5m", "366d",
                "8761h", "999999d", "5mm", "auto"}) {
            assertThat(HistogramInterval.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void autoPicksTheFinestRoundWidthGivingAtMostTheTargetBucketCount() {
        long start = 1_747_180_800_000L; // a midnight
        assertThat(HistogramInterval.auto(start, start + DAY).label()).isEqualTo("15m");      // 96 buckets
        assertThat(HistogramInterval.auto(start, start + HOUR).label()).isEqualTo("1m");      // 60
        assertThat(HistogramInterval.auto(start, start + 7 * DAY).label()).isEqualTo("2h");   // 84
        assertThat(HistogramInterval.auto(start, start + 1_000).label()).isEqualTo("1s");     // 1
        // past a day: whole days
        HistogramInterval years = HistogramInterval.auto(0, 100L * 365 * DAY);
        assertThat(years.ms() % DAY).isZero();
        assertThat(TimeGrid.bucketCount(0, 100L * 365 * DAY, years.ms())).isLessThanOrEqualTo(HistogramInterval.AUTO_TARGET);
        assertThat(TimeGrid.bucketCount(0, 100L * 365 * DAY, years.ms() - DAY)).isGreaterThan(HistogramInterval.AUTO_TARGET);
    }

    @Test
    void autoNeverExceedsTheTargetWhateverTheRangeAndAlignment() {
        long[] ranges = {1, 999, 1_001, 59_999, 3_600_001, 86_399_999, 86_400_001, 31 * DAY + 17, 400 * DAY + 3};
        long[] starts = {0, 1, 777, 1_747_180_812_345L};
        for (long start : starts) {
            for (long range : ranges) {
                HistogramInterval interval = HistogramInterval.auto(start, start + range);
                assertThat(TimeGrid.bucketCount(start, start + range, interval.ms())).as(start + "+" + range)
                        .isBetween(1L, (long) HistogramInterval.AUTO_TARGET);
            }
        }
    }
}
