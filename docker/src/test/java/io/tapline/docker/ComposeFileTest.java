package io.tapline.docker;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** docker/compose.yaml parses, and agrees with itself: dependencies, healthchecks, ports, images. */
class ComposeFileTest {
    private final Compose compose = Compose.load();
    private final Map<String, Compose.Service> services = compose.services();

    @Test
    void itParsesAndRunsTheWholeStack() {
        assertThat(services.keySet()).containsExactlyInAnyOrder("init", "elasticsearch", "users", "kibana", "setup",
                "logstash", "tapline");
        assertThat(compose.root()).doesNotContainKey("version"); // the Compose specification, no legacy version key
        assertThat(services.get("elasticsearch").image())
                .isEqualTo("docker.elastic.co/elasticsearch/elasticsearch:${STACK_VERSION:?set STACK_VERSION in docker/.env}");
        assertThat(services.get("kibana").image())
                .isEqualTo("docker.elastic.co/kibana/kibana:${STACK_VERSION:?set STACK_VERSION in docker/.env}");
        assertThat(services.get("logstash").build()).containsEntry("dockerfile", "docker/logstash/Dockerfile");
        assertThat(services.get("logstash").build().get("args").toString())
                .contains("LOGSTASH_VERSION=${STACK_VERSION:?set STACK_VERSION in docker/.env}");
        assertThat(services.get("tapline").command()).containsExactly("serve", "--demo");
        assertThat(services.get("setup").command()).containsExactly("setup", "--kibana-url", "http://kibana:5601");
    }

    @Test
    void everyDependencyNamesAServiceAndAConditionThatServiceCanMeet() {
        Set<String> conditions = Set.of("service_started", "service_healthy", "service_completed_successfully");
        for (Compose.Service s : services.values()) {
            s.dependsOn().forEach((dep, condition) -> {
                assertThat(services).as(s.name() + " depends on").containsKey(dep);
                assertThat(conditions).as(s.name() + " -> " + dep).contains(condition);
                if (condition.equals("service_healthy")) {
                    assertThat(services.get(dep).healthcheck()).as(dep + " needs a healthcheck").isNotNull();
                }
                if (condition.equals("service_completed_successfully")) {
                    assertThat(services.get(dep).oneShot()).as(dep + " must be a one-shot (restart: \"no\")").isTrue();
                }
            });
        }
        assertThat(startOrder()).containsExactly("init", "elasticsearch", "users", "kibana", "setup", "logstash", "tapline");
    }

    @Test
    void everyLongRunningServiceHasAHealthcheckAndEveryOneShotIsWaitedFor() {
        for (Compose.Service s : services.values()) {
            if (s.oneShot()) {
                boolean awaited = services.values().stream()
                        .anyMatch(o -> "service_completed_successfully".equals(o.dependsOn().get(s.name())));
                assertThat(awaited).as(s.name() + " is awaited by a service").isTrue();
            } else {
                assertThat(s.healthcheck()).as(s.name() + " healthcheck").isNotNull().containsKey("test");
                assertThat(s.restart()).as(s.name() + " restart").isEqualTo("unless-stopped");
            }
        }
    }

    @Test
    void publishedPortsListenOnLoopbackOnly() {
        List<String> ports = new ArrayList<>();
        services.values().forEach(s -> ports.addAll(s.ports()));
        assertThat(ports).hasSize(5).allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"));
    }

    @Test
    void theServicesFindEachOtherWhereTheyListen() {
        Map<String, String> tapline = services.get("tapline").environment();
        assertThat(tapline).containsEntry("TAPLINE_SINK", "logstash")
                .containsEntry("TAPLINE_LOGSTASH", "logstash:" + Pipeline.tcpPort())
                .containsEntry("TAPLINE_BIND_HOST", "0.0.0.0");
        for (String name : List.of("tapline", "setup")) {
            URI es = URI.create(services.get(name).environment().get("TAPLINE_ES_URL"));
            assertThat(es.getHost()).isEqualTo("elasticsearch");
            assertThat(es.getScheme()).as("TLS to Elasticsearch").isEqualTo("https");
        }
        assertThat(services.get("logstash").environment().get("ELASTICSEARCH_HOSTS")).isEqualTo("https://elasticsearch:9200");
        assertThat(services.get("kibana").environment().get("ELASTICSEARCH_HOSTS")).contains("https://elasticsearch:9200");
        URI kibana = URI.create(services.get("setup").command().get(2));
        assertThat(kibana.getHost()).isEqualTo("kibana");
        assertThat(kibana.getPort()).isEqualTo(5601);
        // the tapline healthcheck asks the API port the Dockerfile exposes
        assertThat(services.get("tapline").healthcheck().get("test").toString()).contains("localhost:3000/api/status");
    }

    @Test
    void everyCertificatePathAServiceIsGivenIsInsideAVolumeItMounts() {
        for (Compose.Service s : services.values()) {
            s.environment().forEach((name, value) -> {
                if (value != null && value.endsWith(".crt")) {
                    Path file = value.startsWith("/") ? Path.of(value) : relativeTo(s, name).resolve(value);
                    assertThat(s.volumes()).as(s.name() + " " + name + "=" + value)
                            .anyMatch(m -> file.startsWith(Path.of(m.target())));
                }
            });
        }
    }

    @Test
    void theNodesKeyIsMountedIntoElasticsearchAloneAndClientsGetTheCaReadOnly() {
        for (Compose.Service s : services.values()) {
            for (Compose.Mount m : s.volumes()) {
                if (m.source().equals("node-certs")) {
                    assertThat(s.name()).isIn("init", "elasticsearch");
                }
                if (m.source().equals("ca") && !s.name().equals("init")) {
                    assertThat(m.mode()).as(s.name() + " mounts the CA").isEqualTo("ro");
                }
            }
        }
    }

    @Test
    void everyBindMountAndBuildContextExists() {
        for (Compose.Service s : services.values()) {
            for (Compose.Mount m : s.volumes()) {
                if (m.bind()) {
                    assertThat(DockerDir.DOCKER.resolve(m.source()).normalize()).as(s.name()).isRegularFile();
                } else {
                    assertThat(Compose.map(compose.root().get("volumes"), "volumes")).as(s.name()).containsKey(m.source());
                }
            }
            Map<String, Object> build = s.build();
            if (build != null) {
                Path context = DockerDir.DOCKER.resolve((String) build.get("context")).normalize();
                assertThat(context).isEqualTo(DockerDir.REPO);
                assertThat(context.resolve((String) build.get("dockerfile"))).as(s.name()).isRegularFile();
            }
        }
    }

    @Test
    void theUsersTheServicesRunAsAreTheOnesTheUsersScriptCreates() {
        String script = DockerDir.read(DockerDir.DOCKER.resolve("elasticsearch/create-users.sh"));
        assertThat(script).contains("/_security/user/" + services.get("logstash").environment().get("ELASTICSEARCH_USERNAME"))
                .contains("/_security/user/" + services.get("tapline").environment().get("TAPLINE_ES_USER"))
                .contains("/_security/user/" + services.get("kibana").environment().get("ELASTICSEARCH_USERNAME") + "/_password");
    }

    /** Where a relative path in a setting is resolved: Elasticsearch's settings from its config directory. */
    private static Path relativeTo(Compose.Service s, String setting) {
        String image = s.image() == null ? "" : s.image();
        if (image.contains("/elasticsearch/")) {
            return Path.of(setting.startsWith("xpack.") ? "/usr/share/elasticsearch/config" : "/usr/share/elasticsearch");
        }
        return image.contains("/kibana/") ? Path.of("/usr/share/kibana") : Path.of("/");
    }

    /** A start order that honours every depends_on (Kahn's algorithm, ties broken by file order). */
    private List<String> startOrder() {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (order.size() < services.size()) {
            String next = services.values().stream()
                    .filter(s -> !done.contains(s.name()) && done.containsAll(s.dependsOn().keySet()))
                    .map(Compose.Service::name).findFirst()
                    .orElseThrow(() -> new AssertionError("depends_on has a cycle among " + services.keySet()));
            order.add(next);
            done.add(next);
        }
        return order;
    }
}
