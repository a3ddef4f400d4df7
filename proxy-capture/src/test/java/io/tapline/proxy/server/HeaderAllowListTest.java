package io.tapline.proxy.server;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.tapline.redact.Redactor;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void copiesTheAllowedHeadersLowerCasedJoiningRepeatsAndRedactingSecrets() {
        HeaderAllowList many = new HeaderAllowList(Set.of("accept", "authorization", "host", "x-a", "x-b", "x-c"));
        HttpHeaders headers = new DefaultHttpHeaders().add("Accept", "text/html").add("HOST", "example.org")
                .add("Authorization", "Bearer s3cret").add("accept", "*/*").add("Content-Length", "12");
        Map<String, String> copy = many.copy(headers, Redactor.withDefaults());
        assertThat(copy).containsExactlyInAnyOrderEntriesOf(Map.of("accept", "text/html, */*", "host", "example.org",
                "authorization", Redactor.REDACTED));
        assertThatThrownBy(() -> copy.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        // Immutable already: the record keeps this very map instead of copying it again.
        LogRecord record = LogRecord.builder().id(1).tsMs(1).kind(Kind.REQUEST).level(Level.INFO)
                .requestHeaders(copy).build();
        assertThat(record.requestHeaders()).isSameAs(copy);

        for (int count = 0; count <= 6; count++) { // every size: none, Map.of's arities and Map.ofEntries
            HttpHeaders some = new DefaultHttpHeaders().add("X-Other", "no");
            String[] all = {"accept", "host", "x-a", "x-b", "x-c", "authorization"};
            for (int i = 0; i < count; i++) {
                some.add(all[i].toUpperCase(java.util.Locale.ROOT), "v" + i).add(all[i], "w" + i);
            }
            Map<String, String> got = many.copy(some, Redactor.withDefaults());
            assertThat(got).as("%d headers", count).hasSize(count);
            for (int i = 0; i < count; i++) {
                assertThat(got.get(all[i])).isEqualTo(all[i].equals("authorization")
                        ? Redactor.REDACTED + ", " + Redactor.REDACTED : "v" + i + ", w" + i);
            }
        }
    }
}
