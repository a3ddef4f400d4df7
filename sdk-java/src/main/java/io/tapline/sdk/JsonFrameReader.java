package io.tapline.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.sdk.logs.LogEntry;
import io.tapline.sdk.stream.Dropped;
import io.tapline.sdk.stream.LogStream;
import io.tapline.sdk.stream.Reset;
import io.tapline.sdk.stream.StreamFrame;

import java.io.IOException;

/** Parses a frame's JSON data into the payload its type carries. */
final class JsonFrameReader implements LogStream.FrameReader {

    private final ObjectMapper mapper;

    JsonFrameReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public StreamFrame read(StreamFrame.Type type, String event, Long id, String data) {
        try {
            return switch (type) {
                case ENTRY, SCOPE_DESTROYED -> new StreamFrame(type, event, id, data,
                        mapper.readValue(data, LogEntry.class), null, null);
                case DROPPED -> new StreamFrame(type, event, id, data, null, mapper.readValue(data, Dropped.class), null);
                case RESET -> new StreamFrame(type, event, id, data, null, null, mapper.readValue(data, Reset.class));
                default -> new StreamFrame(type, event, id, data, null, null, null);
            };
        } catch (IOException e) {
            throw new TaplineException("the stream sent a malformed " + event + " frame (id " + id + "): "
                    + Transport.describe(e), e);
        }
    }
}
