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
}
