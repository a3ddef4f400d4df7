package io.tapline.cli.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.sdk.logs.LogEntry;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FormattingTest {

    private static LogEntry entry(String json) throws Exception {
        return new ObjectMapper().readValue(json, LogEntry.class);
    }

    @Test
    void aResponseIsOneLineWithStatusLatencyAndWhereItCameFrom() throws Exception {
        LogEntry e = entry("{\"id\":1,\"traceId\":\"t1\",\"tsMs\":1718201234102,\"tsIso\":\"2024-06-12T14:33:54.102Z\","
                + "\"kind\":\"response\",\"level\":\"info\",\"projectId\":\"proj_a\",\"containerId\":\"cnt_x\","
                + "\"serviceName\":\"user-api\",\"method\":\"POST\",\"url\":\"/v1/users\",\"status\":201,"
                + "\"data\":{\"durationMs\":102}}");
        assertThat(new EntryFormat(false).line(e)).isEqualTo(
                "2024-06-12T14:33:54.102Z INFO  response POST /v1/users 201 102ms  user-api proj_a/cnt_x trace=t1");
        assertThat(new EntryFormat(true).line(e)).contains("\u001B[36mINFO \u001B[0m", "\u001B[32m201\u001B[0m");
    }

    @Test
    void anEventShowsItsActionAndMessageColouredByLevel() throws Exception {
        LogEntry e = entry("{\"id\":2,\"tsMs\":1,\"tsIso\":\"1970-01-01T00:00:00.001Z\",\"kind\":\"event\","
                + "\"level\":\"error\",\"action\":\"upstream_timeout\",\"message\":\"no answer in 30000 ms\",\"data\":{}}");
        assertThat(new EntryFormat(false).line(e))
                .isEqualTo("1970-01-01T00:00:00.001Z ERROR event    upstream_timeout: no answer in 30000 ms");
        assertThat(new EntryFormat(true).line(e)).startsWith("1970-01-01T00:00:00.001Z \u001B[31mERROR\u001B[0m");
    }

    @Test
    void aTableAlignsColumnsIgnoringColourAndCutsTheLastToTheWidth() {
        Table t = new Table(List.of("A", "LONGER", "TEXT"));
        t.add(List.of("\u001B[31mxx\u001B[0m", "y", "0123456789abcdef"));
        t.add(List.of("x", "yyyyyyyy", "short"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), 24);
        assertThat(bytes.toString(StandardCharsets.UTF_8).split("\n")).containsExactly(
                "A   LONGER    TEXT",
                "\u001B[31mxx\u001B[0m  y         012345678…",
                "x   yyyyyyyy  short");
    }

    @Test
    void timesAreIso8601OrAnAgeBeforeNow() {
        FilterOptions.TimeConverter c = new FilterOptions.TimeConverter();
        assertThat(c.convert("2024-06-12T14:00:00Z")).isEqualTo(Instant.parse("2024-06-12T14:00:00Z"));
        assertThat(c.convert("2024-06-12T16:00:00+02:00")).isEqualTo(Instant.parse("2024-06-12T14:00:00Z"));
        assertThat(c.convert("15m")).isCloseTo(Instant.now().minus(Duration.ofMinutes(15)), within(5, ChronoUnit.SECONDS));
        assertThat(c.convert("7d")).isCloseTo(Instant.now().minus(Duration.ofDays(7)), within(5, ChronoUnit.SECONDS));
        assertThatThrownBy(() -> c.convert("yesterday")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("ISO 8601");
    }
}
