package io.tapline.api.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Resume with {@code curl -N}, the way a shell user tails the stream: kill it mid-stream, resume by Last-Event-ID. */
class CurlResumeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StreamFixture api = StreamFixture.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void curlKilledMidStreamAndRestartedWithLastEventIdSeesEveryRecordExactlyOnceInOrder() throws Exception {
        int total = 2_000;
        Thread publisher = new Thread(() -> {
            for (int i = 1; i <= total; i++) {
                api.feed.publish(StreamFixture.record(i, "a1", "c1"));
                if (i % 20 == 0) {
                    LiveTailTest.sleep(10);
                }
            }
        });
        List<Long> received = new ArrayList<>();
        long lastId = 0;
        Process first = curl(null);
        try (BufferedReader out = reader(first)) {
            api.awaitSubscribers(1);
            publisher.start();
            while (received.size() < 700) {
                long[] frame = nextDataFrame(out);
                lastId = frame[0];
                received.add(frame[1]);
            }
        } finally {
            first.destroy(); // Ctrl-C, in effect
            first.waitFor(10, TimeUnit.SECONDS);
        }
        LiveTailTest.sleep(200);
        Process second = curl(lastId);
        try (BufferedReader out = reader(second)) {
            while (received.size() < total) {
                long[] frame = nextDataFrame(out);
                assertThat(frame[0]).isGreaterThan(lastId);
                lastId = frame[0];
                received.add(frame[1]);
            }
        } finally {
            second.destroy();
            second.waitFor(10, TimeUnit.SECONDS);
        }
        publisher.join();
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= total; i++) {
            expected.add(i);
        }
        assertThat(received).containsExactlyElementsOf(expected);
    }

    private Process curl(Long lastEventId) throws IOException {
        List<String> command = new ArrayList<>(List.of("curl", "-N", "-s", "--max-time", "60",
                "-H", "X-API-Key: " + StreamFixture.ADMIN_TOKEN));
        if (lastEventId != null) {
            command.addAll(List.of("-H", "Last-Event-ID: " + lastEventId));
        }
        command.add("http://127.0.0.1:" + api.server.adminAddress().getPort() + StreamFixture.STREAM);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /** {ringSeq, record id} of the next data frame; a named event here would be a failure. */
    private static long[] nextDataFrame(BufferedReader out) throws IOException {
        Long id = null;
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("event: ")) {
                throw new AssertionError("unexpected " + line);
            }
            if (line.startsWith("id: ")) {
                id = Long.parseLong(line.substring(4));
            } else if (line.startsWith("data: ")) {
                assertThat(id).as("id precedes data").isNotNull();
                return new long[]{id, JSON.readTree(line.substring(6)).get("id").asLong()};
            }
        }
        throw new AssertionError("curl's stream ended");
    }
}
