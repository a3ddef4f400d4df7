package io.tapline.api.stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SSE client over the JDK's HttpClient: reads the response body line by line and assembles frames as the
 * EventSource specification does (a blank line ends a frame; a line starting with ':' is a comment).
 */
final class SseClient implements AutoCloseable {

    /** One frame as received; {@code event} is null for a plain data frame, {@code comment} for a heartbeat. */
    record Frame(String event, Long id, String data, boolean comment) {
        boolean isData() {
            return event == null && !comment;
        }
    }

    private static final ObjectMapper ENTRY_JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final HttpResponse<InputStream> response;
    private final BufferedReader reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    /** The {@code id} of each frame's entry, in order; fails on a frame that is not a data frame. */
    static List<Long> entryIds(List<Frame> frames) throws IOException {
        List<Long> ids = new ArrayList<>(frames.size());
        for (Frame f : frames) {
            if (!f.isData()) {
                throw new AssertionError("not a data frame: " + f);
            }
            ids.add(ENTRY_JSON.readTree(f.data()).get("id").asLong());
        }
        return ids;
    }

    /** Opens {@code pathAndQuery} on {@code to} with header name/value pairs; returns once the headers arrived. */
    static SseClient open(InetSocketAddress to, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://" + to.getHostString() + ":" + to.getPort() + pathAndQuery)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    int status() {
        return response.statusCode();
    }

    /** The next frame, or null at the end of the stream. */
    Frame next() throws IOException {
        String event = null;
        Long id = null;
        StringBuilder data = null;
        boolean comment = false;
        boolean any = false;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (any) {
                    return new Frame(event, id, data == null ? null : data.toString(), comment && data == null);
                }
                continue;
            }
            any = true;
            if (line.startsWith(":")) {
                comment = true;
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("id: ")) {
                id = Long.parseLong(line.substring(4));
            } else if (line.startsWith("data: ")) {
                data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
            } else {
                throw new IllegalStateException("not an SSE line: " + line);
            }
        }
        return null;
    }

    /** The next frame that is not a heartbeat, or null at the end of the stream. */
    Frame nextNonComment() throws IOException {
        Frame f;
        do {
            f = next();
        } while (f != null && f.comment());
        return f;
    }

    /** The next {@code n} frames that are not heartbeats (fewer only when the stream ends). */
    List<Frame> take(int n) throws IOException {
        List<Frame> frames = new ArrayList<>(n);
        while (frames.size() < n) {
            Frame f = nextNonComment();
            if (f == null) {
                break;
            }
            frames.add(f);
        }
        return frames;
    }

    /** Disconnects mid-stream. */
    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
