package io.tapline.schema;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireCodecTest {

    @Test
    void everyFieldSurvivesTheWireRoundTrip() {
        LogRecord record = SampleRecords.full();

        assertThat(WireCodec.fromLine(WireCodec.toLine(record))).isEqualTo(record);
    }

    @Test
    void aMinimalRecordSurvivesTheWireRoundTripWithoutWritingNulls() {
        LogRecord record = SampleRecords.minimal();
        String line = WireCodec.toLine(record);

        assertThat(line).isEqualTo("{\"tapline\":{\"id\":7,\"kind\":\"event\"},"
                + "\"@timestamp\":\"2024-06-12T14:07:14.000Z\",\"log\":{\"level\":\"info\"}}");
        assertThat(WireCodec.fromLine(line)).isEqualTo(record);
    }

    @Test
    void aLineIsExactlyTheEcsDocumentSoLogstashStoresItUnchanged() {
        LogRecord record = SampleRecords.full();

        assertThat(Json.readObject(WireCodec.toLine(record)))
                .isEqualTo(Json.readObject(Json.write(EcsCodec.toDocument(record))));
    }

    @Test
    void aLineHasNoNewlineInsideEvenWhenValuesDo() {
        String line = WireCodec.toLine(SampleRecords.full());

        assertThat(SampleRecords.full().message()).contains("\n");
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void lineBytesAreUtf8EndingInOneNewline() {
        LogRecord record = SampleRecords.minimal().toBuilder().message("héllo ✓").build();
        byte[] bytes = WireCodec.toLineBytes(record);
        String text = new String(bytes, StandardCharsets.UTF_8);

        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
        assertThat(text).isEqualTo(WireCodec.toLine(record) + "\n");
        assertThat(WireCodec.fromLine(text)).isEqualTo(record);
    }

    @Test
    void readsALineEndingInCrLf() {
        LogRecord record = SampleRecords.minimal();

        assertThat(WireCodec.fromLine(WireCodec.toLine(record) + "\r\n")).isEqualTo(record);
    }

    @Test
    void aLineThatIsNotAJsonObjectIsRejected() {
        assertThatThrownBy(() -> WireCodec.fromLine("[1,2]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WireCodec.fromLine("{\"tapline\":")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WireCodec.fromLine("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WireCodec.fromLine("null")).isInstanceOf(IllegalArgumentException.class);
    }
}
