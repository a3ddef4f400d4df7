package io.tapline.api.export;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRowWriterTest {

    @Test
    void quotesOnlyFieldsWithACommaAQuoteOrALineBreakAndDoublesQuotes() {
        assertThat(CsvRowWriter.quote("plain")).isEqualTo("plain");
        assertThat(CsvRowWriter.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvRowWriter.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvRowWriter.quote("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(CsvRowWriter.quote("")).isEmpty();
    }

    @Test
    void writesAHeaderRowThenOneCrlfTerminatedRowPerEntryWithDataFlattened() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvRowWriter writer = new CsvRowWriter(out, false, true);
        writer.begin();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", 7);
        entry.put("url", "/a,b");
        entry.put("data", Map.of("durationMs", 12));
        entry.put("responseBody", Map.of("content", "x\"y", "truncated", false));
        writer.write(entry);
        writer.flush();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n", -1);
        assertThat(lines[0]).startsWith("id,traceId,tsMs,tsIso,").endsWith(",message,responseBody");
        assertThat(lines[1]).isEqualTo("7,,,,,,,,,,\"/a,b\",,,,,12,,,,,\"x\"\"y\"");
        assertThat(lines[2]).isEmpty();
    }
}
