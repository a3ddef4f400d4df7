package io.tapline.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.sdk.logs.ExportFormat;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportCopierTest {

    private final ExportCopier copier = new ExportCopier(new ObjectMapper());

    private long copy(String in, ExportFormat format, ByteArrayOutputStream out, List<Long> rows) throws Exception {
        return copier.copy(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), format, out, rows::add);
    }

    @Test
    void copiesNdjsonByteForByteCountingLines() throws Exception {
        String body = "{\"id\":1}\n{\"id\":2,\"message\":\"ü\"}\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> rows = new ArrayList<>();
        assertThat(copy(body, ExportFormat.NDJSON, out, rows)).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(rows).containsExactly(1L, 2L);
    }

    @Test
    void seed004sSnapshotExpiredTrailerIsAGoneExceptionAndIsNotWrittenOut() {
        String body = "{\"id\":1}\n{\"id\":2}\n{\"__trailer\":true,\"error\":\"snapshot_expired\",\"status\":410}\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> copy(body, ExportFormat.NDJSON, out, new ArrayList<>()))
                .isInstanceOfSatisfying(GoneException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(410);
                    assertThat(e.apiMessage()).contains("after 2 entries").contains("snapshot_expired");
                    assertThat(e.body()).isEqualTo("{\"__trailer\":true,\"error\":\"snapshot_expired\",\"status\":410}");
                });
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}\n{\"id\":2}\n");
    }

    @Test
    void anNdjsonStreamEndingMidEntryIsAConnectionException() {
        assertThatThrownBy(() -> copy("{\"id\":1}\n{\"id\":", ExportFormat.NDJSON, new ByteArrayOutputStream(),
                new ArrayList<>())).isInstanceOf(TaplineConnectionException.class).hasMessageContaining("after 1 entries");
    }

    @Test
    void countsCsvRecordsNotLinesAndNotTheHeader() throws Exception {
        String body = "id,message\r\n1,plain\r\n2,\"two\r\nlines, and \"\"quotes\"\"\"\r\n3,\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> rows = new ArrayList<>();
        assertThat(copy(body, ExportFormat.CSV, out, rows)).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(copy("id,message\r\n", ExportFormat.CSV, new ByteArrayOutputStream(), new ArrayList<>())).isZero();
    }

    @Test
    void aCsvStreamCutInsideARowIsAConnectionException() {
        assertThatThrownBy(() -> copy("id,message\r\n1,\"open quote\r\n", ExportFormat.CSV,
                new ByteArrayOutputStream(), new ArrayList<>())).isInstanceOf(TaplineConnectionException.class);
        assertThatThrownBy(() -> copy("id,message\r\n1,par", ExportFormat.CSV, new ByteArrayOutputStream(),
                new ArrayList<>())).isInstanceOf(TaplineConnectionException.class);
    }
}
