package io.tapline.schema;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class IndexNamesTest {

    @Test
    void aRecordGoesToTheIndexOfItsUtcDay() {
        assertThat(IndexNames.dailyIndex(1718201234000L)).isEqualTo("tapline-logs-2024.06.12");
        assertThat(IndexNames.dailyIndex(1718236799999L)).isEqualTo("tapline-logs-2024.06.12");
        assertThat(IndexNames.dailyIndex(1718236800000L)).isEqualTo("tapline-logs-2024.06.13");
        assertThat(IndexNames.dailyIndex(LocalDate.of(2025, 1, 9))).isEqualTo("tapline-logs-2025.01.09");
    }

    @Test
    void thePatternTemplateAndPolicyNamesMatchTheDailyIndices() {
        assertThat(IndexNames.PATTERN).isEqualTo("tapline-logs-*");
        assertThat(IndexNames.TEMPLATE_NAME).isEqualTo("tapline-logs");
        assertThat(IndexNames.ILM_POLICY_NAME).isEqualTo("tapline-logs");
        assertThat(IndexNames.dailyIndex(0L)).startsWith(IndexNames.PREFIX);
    }
}
