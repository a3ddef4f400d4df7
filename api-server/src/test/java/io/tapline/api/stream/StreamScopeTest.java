package io.tapline.api.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.feed.EntryScope;
import io.tapline.api.stream.SseClient.Frame;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tenant isolation, filters and refused requests on the stream. */
class StreamScopeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamFixture api = StreamFixture.start(1_000, Duration.ofSeconds(15), 4);

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aTenantNeverReceivesAnotherTenantsFramesWhateverItAsksFor() throws Exception {
        try (SseClient alice = api.tenant("alice", "");
             SseClient aliceOnBobsContainer = api.tenant("alice", "?containerId=cnt_b")) {
            // bob's traffic: records, his container's end, lost-records notices, and enough to overflow queues
            for (int i = 1; i <= 20; i++) {
                api.feed.publish(StreamFixture.record(i, "b1", "cnt_b"));
            }
            api.feed.publish(StreamFixture.scopeDestroyed(21, "b1", "cnt_b"));
            api.feed.publishLost(new EntryScope("b1", "cnt_b", Kind.REQUEST, Level.INFO), 7);
            api.feed.publish(StreamFixture.record(22, "a1", "cnt_a"));
            long marker = api.feed.publish(StreamFixture.record(23, "a1", "cnt_b")).seq();

            List<Frame> frames = new ArrayList<>(alice.take(2));
            assertThat(frames).allMatch(Frame::isData);
            assertThat(projects(frames)).containsOnly("a1");
            assertThat(frames.get(1).id()).isEqualTo(marker);

            // alice's containerId filter naming bob's container: only alice's own record there, no scope-destroyed
            Frame onlyOwn = aliceOnBobsContainer.nextNonComment();
            assertThat(onlyOwn.isData()).isTrue();
            assertThat(onlyOwn.id()).isEqualTo(marker);
        }
        // and a resume over bob's records counts none of them as missed by alice
        try (SseClient resumed = api.tenant("alice", "", "Last-Event-ID", Long.toString(api.feed.firstSeq()))) {
            long next = api.feed.publish(StreamFixture.record(24, "a1", "cnt_a")).seq();
            List<Frame> frames = resumed.take(3);
            assertThat(frames).allMatch(Frame::isData);
            assertThat(projects(frames)).containsOnly("a1");
            assertThat(frames.get(2).id()).isEqualTo(next);
        }
    }

    @Test
    void aTenantAskingForAnotherProjectIsRefusedWith403() throws Exception {
        try (SseClient refused = api.tenant("alice", "?projectId=b1")) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(body(refused).get("message").asText())
                    .isEqualTo("Caller is not permitted to read logs for this scope");
        }
    }

    @Test
    void filtersNarrowByProjectContainerKindAndLevel() throws Exception {
        try (SseClient filtered = api.admin("?projectId=a1&containerId=c1&kind=response&level=error,warn")) {
            api.feed.publish(StreamFixture.record(1, "a1", "c1")); // request: filtered out by kind
            api.feed.publish(io.tapline.schema.LogRecord.builder().id(2).tsMs(2).kind(Kind.RESPONSE).level(Level.INFO)
                    .projectId("a1").containerId("c1").status(200).build()); // level
            api.feed.publish(io.tapline.schema.LogRecord.builder().id(3).tsMs(3).kind(Kind.RESPONSE).level(Level.ERROR)
                    .projectId("b1").containerId("c1").status(500).build()); // project
            long match = api.feed.publish(io.tapline.schema.LogRecord.builder().id(4).tsMs(4).kind(Kind.RESPONSE)
                    .level(Level.WARN).projectId("a1").containerId("c1").status(404).build()).seq();
            Frame frame = filtered.nextNonComment();
            assertThat(frame.id()).isEqualTo(match);
            assertThat(JSON.readTree(frame.data()).get("id").asLong()).isEqualTo(4);
        }
    }

    @Test
    void badParametersAndHeadersGetA400WithTheErrorBody() throws Exception {
        for (String[] bad : new String[][]{{"?levle=error"}, {"?kind=banana"}, {"?level=loud"},
                {"?containerId="}, {"?kind=request&kind=event"}, {"", "Last-Event-ID", "12abc"},
                {"", "Last-Event-ID", "-5"}}) {
            String[] headers = java.util.Arrays.copyOfRange(bad, 1, bad.length);
            try (SseClient client = api.admin(bad[0], headers)) {
                assertThat(client.status()).as(String.join(" ", bad)).isEqualTo(400);
                JsonNode body = body(client);
                assertThat(body.get("statusCode").asInt()).isEqualTo(400);
                assertThat(body.get("error").asText()).isEqualTo("Bad Request");
                assertThat(body.get("message").asText()).isNotBlank().doesNotContain("Exception");
            }
        }
    }

    @Test
    void withoutACredentialTheStreamIs401() throws Exception {
        try (SseClient client = SseClient.open(api.server.tenantAddress(), StreamFixture.STREAM)) {
            assertThat(client.status()).isEqualTo(401);
            assertThat(body(client).get("statusCode").asInt()).isEqualTo(401);
        }
    }

    private static List<String> projects(List<Frame> frames) throws IOException {
        List<String> projects = new ArrayList<>();
        for (Frame f : frames) {
            projects.add(JSON.readTree(f.data()).get("projectId").asText());
        }
        return projects;
    }

    private static JsonNode body(SseClient client) throws IOException {
        return JSON.readTree(client.response.body().readAllBytes());
    }
}
