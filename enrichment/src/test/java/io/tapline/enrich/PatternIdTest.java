package io.tapline.enrich;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The ids are part of the stored data: if one of these fails, the algorithm changed and history splits. */
class PatternIdTest {

    @ParameterizedTest(name = "fnv1a64({0}) = {1}")
    @CsvSource(value = {"'', cbf29ce484222325", "a, af63dc4c8601ec8c", "foobar, 85944171f73967e8"})
    void isTheStandardFnv1a64Hash(String input, String hex) {
        assertThat(Long.toHexString(PatternId.fnv1a64(input.getBytes(StandardCharsets.UTF_8)))).isEqualTo(hex);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "GET /v1/users/{id} 2xx                       | p_379c9a0d1fab31d4",
            "POST /v1/orders                              | p_7eb0e2614ed0a2b5",
            "upstream <ip>:<num> timed out after <num> ms | p_4ebed88157334756",
            "caf\u00e9 <num>                              | p_a1f7a9cc3392c8a7",
    })
    void neverChangesForAPattern(String pattern, String id) {
        assertThat(PatternId.of(pattern)).isEqualTo(id).matches("p_[0-9a-f]{16}");
    }
}
