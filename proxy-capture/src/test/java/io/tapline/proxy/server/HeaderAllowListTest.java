package io.tapline.proxy.server;

import io.netty.buffer.Unpooled;
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
        RequestHead headers = head("Accept: text/html\r\nHOST: example.org\r\nAuthorization:   Bearer s3cret \r\n"
                + "accept:*/*\r\nContent-Length: 12\r\n");
        Map<String, String> copy = many.copy(headers, Redactor.withDefaults());
        assertThat(copy).containsExactlyInAnyOrderEntriesOf(Map.of("accept", "text/html, */*", "host", "example.org",
                "authorization", Redactor.REDACTED));
        assertThatThrownBy(() -> copy.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        // Immutable already: the record keeps this very map instead of copying it again.
        LogRecord record = LogRecord.builder().id(1).tsMs(1).kind(Kind.REQUEST).level(Level.INFO)
                .requestHeaders(copy).build();
        assertThat(record.requestHeaders()).isSameAs(copy);

        for (int count = 0; count <= 6; count++) { // every size: none, Map.of's arities and Map.ofEntries
            StringBuilder some = new StringBuilder("X-Other: no\r\n");
            String[] all = {"accept", "host", "x-a", "x-b", "x-c", "authorization"};
            for (int i = 0; i < count; i++) {
                if (!all[i].equals("host")) { // one Host only (a second is a 400)
                    some.append(all[i].toUpperCase(java.util.Locale.ROOT)).append(": v").append(i).append("\r\n");
                    some.append(all[i]).append(": w").append(i).append("\r\n");
                } else {
                    some.append("Host: v").append(i).append(", w").append(i).append("\r\n");
                }
            }
            Map<String, String> got = many.copy(head(some.toString()), Redactor.withDefaults());
            assertThat(got).as("%d headers", count).hasSize(count);
            for (int i = 0; i < count; i++) {
                assertThat(got.get(all[i])).isEqualTo(all[i].equals("authorization")
                        ? Redactor.REDACTED + ", " + Redactor.REDACTED : "v" + i + ", w" + i);
            }
        }
    }

    /** A request head with these header lines, as the proxy parses it. */
    private static RequestHead head(String headerLines) {
        byte[] wire = ("GET / HTTP/1.1\r\n" + headerLines + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try {
            return new RequestHeadParser().parse(Unpooled.wrappedBuffer(wire), 0, wire.length);
        } catch (BadRequest e) {
            throw new AssertionError(e);
        }
    }
}
