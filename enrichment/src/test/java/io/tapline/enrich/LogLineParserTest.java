package io.tapline.enrich;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LogLineParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2024-01-01T12:00:00.000Z [INFO] Message          | info     | iso8601   | Message",
            "2024-01-01T12:00:00Z ERROR Message               | error    | rfc3339   | Message",
            "[DEBUG] This is a debug message                  | debug    | bracketed | This is a debug message",
            "2024-01-01T12:00:00Z WARN disk low               | warn     | rfc3339   | disk low",
            "2024-01-01T12:00:00.123456+02:00 [warning] slow  | warn     | iso8601   | slow",
            "2024-01-01 10:00:00 ERROR Database failed        | error    | rfc3339   | Database failed",
            "2024-01-01T12:00:00z fatal: out of memory        | critical | rfc3339   | out of memory",
            "[Critical] boom                                  | critical | bracketed | boom",
            "[ERR]no space                                    | error    | bracketed | no space",
            "[TRACE] enter                                    | debug    | bracketed | enter",
            "[notice] started                                 | info     | bracketed | started",
            "2024-01-01T12:00:00+0530 Info hello              | info     | rfc3339   | hello",
    })
    void readsTheLevelAndFormatOfSeed003LogLines(String line, String level, String format, String body) {
        LogLineParser.LogLine parsed = LogLineParser.parse(line);
        assertThat(parsed).isNotNull();
        assertThat(parsed.level).isEqualTo(level);
        assertThat(parsed.format).isEqualTo(format);
        assertThat(line.substring(parsed.bodyStart)).isEqualTo(body);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "   ", "plain message", "[main] started", "[INFO", "2024-01-01T12:00:00Z Errors rose",
            "2024-01-01T12:00:00Z", "2024-13-01T12:00:00Z", "2024-01-01X12:00:00Z INFO x", "INFO: no timestamp",
            "2024-01-01T12:00:00Z [VERBOSE] x", "[]", "[\uFFFD] x", "2024-01-01T12:00Z INFO x"})
    void leavesOtherMessagesAlone(String message) {
        assertThat(LogLineParser.parse(message)).isNull();
    }

    @Test
    void toleratesNullAndHugeMessages() {
        assertThat(LogLineParser.parse(null)).isNull();
        assertThat(LogLineParser.parse("[INFO] " + "x".repeat(1 << 20)).level).isEqualTo("info");
        assertThat(LogLineParser.parse("[" + "I".repeat(1 << 20))).isNull();
    }
}
