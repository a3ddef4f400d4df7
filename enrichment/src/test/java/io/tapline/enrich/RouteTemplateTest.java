package io.tapline.enrich;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTemplateTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/v1/users/42/orders/9f1c2a3b4c5d                       | /v1/users/{id}/orders/{id}",
            "/                                                      | /",
            "/health                                                | /health",
            "/v1/users/550e8400-e29b-41d4-a716-446655440000         | /v1/users/{id}",
            "/v1/users/550E8400-E29B-41D4-A716-446655440000/avatar  | /v1/users/{id}/avatar",
            "/tokens/01HZX3Q9J8K7M6N5P4R3S2T1V0                      | /tokens/{id}",
            "/keys/tok_live_4eC39HqLyjWDarjtT1zdp7dc                | /keys/{id}",
            "/blobs/aGVsbG8gd29ybGQhIQ==                            | /blobs/{id}",
            "/blobs/Zm9vYmFyYmF6cXV4K2E+                            | /blobs/{id}",
            "/s/Ab3dEf9hIj2kLm5n                                    | /s/{id}",
            "/reports/2024-06-12/summary                            | /reports/{id}/summary",
            "/releases/1.2.3                                        | /releases/{id}",
            "/api/2.0/users                                         | /api/2.0/users",
            "/files/9f1c2a3b4c5d.json                               | /files/{id}.json",
            "/files/report.pdf                                      | /files/report.pdf",
            "/commits/deadbeef                                      | /commits/deadbeef",
            "/commits/deadbeef1                                     | /commits/{id}",
            "/v2/getUserProfileData                                 | /v2/getUserProfileData",
            "/users/me/settings                                     | /users/me/settings",
            "/a//b/                                                 | /a//b/",
            "/a/../../etc/passwd                                    | /a/../../etc/passwd",
            "/caf\u00e9/42                                          | /caf\u00e9/{id}",
            "/search/%E2%9C%93/7                                    | /search/%E2%9C%93/{id}",
            "/x/\uFFFD\uFFFD/12                                     | /x/\uFFFD\uFFFD/{id}",
            "/a/user-42                                             | /a/user-42",
    })
    void masksTheSegmentsThatVaryPerRequestAndKeepsWords(String path, String route) {
        assertThat(RouteTemplate.of(path)).isEqualTo(route);
    }

    @Test
    void masksSegmentsTooLongToBeAFixedPartOfARoute() {
        assertThat(RouteTemplate.of("/blog/" + "how-to-write-".repeat(6))).isEqualTo("/blog/{id}");
    }

    @Test
    void hasNoTemplateForWhatIsNotAPath() {
        assertThat(RouteTemplate.of(null)).isNull();
        assertThat(RouteTemplate.of("")).isNull();
        assertThat(RouteTemplate.of("relative/42")).isNull();
    }

    @Test
    void capsTheTemplateOfAnEightKibibytePathInLinearTime() {
        String path = "/1".repeat(4096);
        assertThat(Timing.bestOfNanos(3, () -> RouteTemplate.of(path))).isLessThan(50_000_000L);
        String route = RouteTemplate.of(path);
        assertThat(route).hasSize(RouteTemplate.MAX_LENGTH).startsWith("/{id}/{id}/");
        assertThat(RouteTemplate.of("/" + "\uD83D\uDE00".repeat(600))).hasSize(5); // "/{id}": one long segment
        assertThat(RouteTemplate.of("/a".repeat(600) + "/\uD83D\uDE00").length())
                .isLessThanOrEqualTo(RouteTemplate.MAX_LENGTH);
        assertThat(RouteTemplate.of("/a".repeat(600))).isEqualTo("/a".repeat(512));
        assertThat(RouteTemplate.of("/a".repeat(600) + "/42")).isEqualTo("/a".repeat(512));
        assertThat(RouteTemplate.of("/a".repeat(500) + "/42/b")).isEqualTo("/a".repeat(500) + "/{id}/b");
    }

    @Test
    void aPathWithNothingToMaskIsItsOwnTemplate() {
        String path = "/api/v1/search";
        assertThat(RouteTemplate.of(path)).isSameAs(path);
        assertThat(RouteTemplate.of("/api/v1/users/42/")).isEqualTo("/api/v1/users/{id}/");
        assertThat(RouteTemplate.of("/42")).isEqualTo("/{id}");
    }
}
