package io.tapline.api.http;

import io.undertow.server.HttpHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterTest {

    private static final HttpHandler NOTHING = exchange -> { };

    @Test
    void refusesTheSameMethodAndPathTwice() {
        Router.Builder builder = Router.builder().get("/a", NOTHING);

        assertThatThrownBy(() -> builder.get("/a", NOTHING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate route GET /a");
    }

    @Test
    void refusesAPathWithoutLeadingSlash() {
        assertThatThrownBy(() -> Router.builder().get("a", NOTHING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with '/'");
    }
}
