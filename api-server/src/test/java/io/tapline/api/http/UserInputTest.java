package io.tapline.api.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserInputTest {

    @Test
    void keepsShortInputAsIs() {
        assertThat(UserInput.bounded("/api/nope")).isEqualTo("/api/nope");
    }

    @Test
    void cutsLongInputToAHundredCharactersAndMarksTheCut() {
        assertThat(UserInput.bounded("a".repeat(1000))).isEqualTo("a".repeat(100) + "...");
    }

    @Test
    void replacesControlCharactersSoAMessageStaysOneLine() {
        assertThat(UserInput.bounded("a\r\nb\u0000c")).isEqualTo("a??b?c");
    }

    @Test
    void treatsNullAsEmpty() {
        assertThat(UserInput.bounded(null)).isEmpty();
    }
}
