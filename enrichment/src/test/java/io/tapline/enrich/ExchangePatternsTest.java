package io.tapline.enrich;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The pattern and id found for an exchange are those computed from it, however the table's slots collide. */
class ExchangePatternsTest {
    private static final String[] METHODS = {null, "GET", "POST", "DELETE", "PATCH", "M-SEARCH"};
    private static final String[] STATUS_CLASSES = {null, "1xx", "2xx", "3xx", "4xx", "5xx"};

    @Test
    void findsWhatComputingGivesForEveryExchangeSeenAgainOrNot() {
        Random random = new Random(7);
        // Several thousand distinct exchanges for a thousand slots: hits, misses and evictions all happen.
        String[] routes = new String[3000];
        for (int i = 0; i < routes.length; i++) {
            routes[i] = i % 10 == 0 ? "/v1/" + "x".repeat(250 + i % 20) : "/v1/users/{id}/orders/" + i;
        }
        for (int run = 0; run < 100_000; run++) {
            String method = METHODS[random.nextInt(METHODS.length)];
            String route = random.nextInt(50) == 0 ? null : routes[random.nextInt(random.nextBoolean() ? 20 : 3000)];
            String statusClass = STATUS_CLASSES[random.nextInt(STATUS_CLASSES.length)];
            check(method, route == null ? null : new String(route), statusClass);
        }
    }

    @Test
    void tellsApartExchangesThatDifferOnlyInMethodOrStatusClass() {
        assertThat(ExchangePatterns.of("GET", "/a", "2xx").pattern).isEqualTo("GET /a 2xx");
        assertThat(ExchangePatterns.of("GET", "/a", null).pattern).isEqualTo("GET /a");
        assertThat(ExchangePatterns.of("POST", "/a", "2xx").pattern).isEqualTo("POST /a 2xx");
        assertThat(ExchangePatterns.of(null, "/a", "2xx").pattern).isEqualTo("/a 2xx");
        assertThat(ExchangePatterns.of("GET", "/a", "5xx").pattern).isEqualTo("GET /a 5xx");
        assertThat(ExchangePatterns.of("GET", "/a", "2xx").id).isEqualTo(PatternId.of("GET /a 2xx"));
    }

    @Test
    void hasNoPatternWithoutMethodAndRoute() {
        assertThat(ExchangePatterns.of(null, null, "2xx")).isNull();
        assertThat(ExchangePatterns.of(null, null, null)).isNull();
        assertThat(ExchangePatterns.of("GET", null, null).pattern).isEqualTo("GET");
    }

    private static void check(String method, String route, String statusClass) {
        ExchangePatterns.Pattern found = ExchangePatterns.of(method, route, statusClass);
        String expected = MessagePattern.ofExchange(method, route, statusClass);
        if (expected == null) {
            assertThat(found).isNull();
        } else {
            assertThat(found.pattern).isEqualTo(expected);
            assertThat(found.id).isEqualTo(PatternId.of(expected));
        }
    }
}
