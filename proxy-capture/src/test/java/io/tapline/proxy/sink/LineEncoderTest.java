package io.tapline.proxy.sink;

import io.tapline.schema.Body;
import io.tapline.schema.LogRecord;
import io.tapline.schema.WireCodec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LineEncoderTest {
    private final SinkTestRecords records = new SinkTestRecords();

    @Test
    void encodesABatchAsExactlyTheWireCodecLinesOneAfterTheOther() {
        List<LogRecord> batch = new ArrayList<>(records.next("proj_enc", 50));
        batch.add(records.next("proj_enc").toBuilder().message("line one\nline \"two\" ü €")
                .requestHeaders(Map.of("user-agent", "curl/8"))
                .requestBody(new Body("{\"a\":1}", true, "application/json")).build());
        LineEncoder encoder = new LineEncoder();
        for (int round = 0; round < 2; round++) { // the buffer and the generator are reused
            encoder.encode(batch);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            List<Integer> ends = new ArrayList<>();
            for (LogRecord r : batch) {
                expected.writeBytes(WireCodec.toLineBytes(r));
                ends.add(expected.size());
            }
            assertThat(encoder.lines()).isEqualTo(batch.size());
            assertThat(encoder.refused()).isZero();
            assertThat(bytes(encoder.slice(0, encoder.size()))).isEqualTo(expected.toByteArray());
            for (int i = 0; i < batch.size(); i++) {
                assertThat(encoder.end(i)).isEqualTo(ends.get(i));
            }
        }
    }

    @Test
    void aRecordJacksonCannotWriteIsLeftOutAndCountedAndTheOthersAreIntact() {
        LogRecord bad = records.next("proj_enc").toBuilder().enrichment(Map.of("odd", new Exploding())).build();
        List<LogRecord> good = records.next("proj_enc", 2);
        LineEncoder encoder = new LineEncoder();
        encoder.encode(List.of(good.get(0), bad, good.get(1)));
        assertThat(encoder.refused()).isEqualTo(1);
        assertThat(encoder.lines()).isEqualTo(2);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(WireCodec.toLineBytes(good.get(0)));
        expected.writeBytes(WireCodec.toLineBytes(good.get(1)));
        assertThat(bytes(encoder.slice(0, encoder.size()))).isEqualTo(expected.toByteArray());
    }

    /** A value whose serialization fails, as a bug in an enrichment could produce. */
    public static final class Exploding {
        public String getValue() {
            throw new IllegalStateException("cannot be serialized");
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
