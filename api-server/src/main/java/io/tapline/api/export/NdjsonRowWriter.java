package io.tapline.api.export;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON entry per line; a failed stream ends with {@code {"__trailer":true,"error":...,"status":...}}. */
final class NdjsonRowWriter implements RowWriter {

    private final OutputStream out;
    private final ObjectMapper mapper;

    NdjsonRowWriter(OutputStream out, ObjectMapper mapper) {
        this.out = out;
        this.mapper = mapper;
    }

    @Override
    public void begin() {
    }

    @Override
    public void write(Map<String, Object> entry) throws IOException {
        out.write(mapper.writeValueAsBytes(entry));
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public boolean trailer(int status, String error) throws IOException {
        Map<String, Object> trailer = new LinkedHashMap<>();
        trailer.put("__trailer", true);
        trailer.put("error", error);
        trailer.put("status", status);
        write(trailer);
        flush();
        return true;
    }
}
