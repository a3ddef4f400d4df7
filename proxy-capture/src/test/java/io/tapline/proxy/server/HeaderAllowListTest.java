package io.tapline.proxy.server;

import io.netty.util.AsciiString;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderAllowListTest {
    private final HeaderAllowList allow = new HeaderAllowList(Set.of("content-type", "X-Request-Id", "host"));

    @Test
    void matchesANameInAnyCaseAndGivesItsLowerCaseForm() {
        assertThat(allow.match("Content-Type")).isEqualTo("content-type");
        assertThat(allow.match(new AsciiString("CONTENT-TYPE"))).isEqualTo("content-type");
        assertThat(allow.match("x-request-id")).isEqualTo("x-request-id");
        assertThat(allow.match("Host")).isEqualTo("host");
    }

    @Test
    void doesNotMatchOtherNamesPrefixesOrLongerNames() {
        assertThat(allow.match("content-length")).isNull();
        assertThat(allow.match("content-typ")).isNull();
        assertThat(allow.match("content-type2")).isNull();
        assertThat(allow.match("hosT ")).isNull();
        assertThat(allow.match("")).isNull();
    }
}
