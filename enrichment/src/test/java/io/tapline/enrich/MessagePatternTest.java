package io.tapline.enrich;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MessagePatternTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "upstream 10.0.0.7:9001 timed out after 30000 ms          | upstream <ip>:<num> timed out after <num> ms",
            "request took 1.5s                                        | request took <num>s",
            "request took 102ms                                       | request took <num>ms",
            "user 550e8400-e29b-41d4-a716-446655440000 logged in      | user <uuid> logged in",
            "connect to [2001:db8::1]:443 refused                     | connect to [<ip>]:<num> refused",
            "from fe80::1: refused                                    | from <ip>: refused",
            "at ::1.                                                  | at <ip>.",
            "object 9f1c2a3b4c5d not found                            | object <hex> not found",
            "pointer 0xDEADBEEF freed                                 | pointer <hex> freed",
            "deadbeef is a word                                       | deadbeef is a word",
            "request req_01HXYZ8ABCDE12345678 failed                  | request req_<id> failed",
            "file \"/etc/app.conf\" missing                           | file <str> missing",
            "key 'abc' missing, it's fine                             | key <str> missing, it's fine",
            "it's users' data                                         | it's users' data",
            "started at 2024-06-12T14:07:14.102Z                      | started at <ts>",
            "backup of 2024-06-12 done at 14:07:14                    | backup of <ts> done at <ts>",
            "worker-3 handled 1,234 jobs                              | worker-<num> handled <num>,<num> jobs",
            "v2 api over ipv6 on HTTP/1.1                             | v2 api over ipv6 on HTTP/<num>",
            "lots    of\t\tspace   here                              | lots of space here",
            "Foo :: bar                                               | Foo :: bar",
            "retry 3/5 in 200 ms                                      | retry <num>/<num> in <num> ms",
            "Disk usage at 91% on /dev/sda1                           | Disk usage at <num>% on /dev/sda1",
            "caf\u00e9 42 \uFFFD\uFFFD 7                              | caf\u00e9 <num> \uFFFD\uFFFD <num>",
            "\u0661\u0662 arabic digits stay                          | \u0661\u0662 arabic digits stay",
    })
    void masksTheVariablePartsOfAMessage(String message, String pattern) {
        assertThat(MessagePattern.ofMessage(message, 0)).isEqualTo(pattern);
    }

    @Test
    void givesNoPatternForNothing() {
        assertThat(MessagePattern.ofMessage(null, 0)).isNull();
        assertThat(MessagePattern.ofMessage("", 0)).isNull();
        assertThat(MessagePattern.ofMessage(" \t\n ", 0)).isNull();
        assertThat(MessagePattern.ofMessage("[INFO] ", 7)).isNull();
        assertThat(MessagePattern.ofMessage("  several\n lines\r\n\there  ", 0)).isEqualTo("several lines here");
    }

    @Test
    void capsThePatternAt512CharactersWithoutSplittingASurrogatePair() {
        assertThat(MessagePattern.ofMessage("word ".repeat(1000), 0)).hasSizeLessThanOrEqualTo(512);
        String emoji = MessagePattern.ofMessage("\uD83D\uDE00".repeat(1000), 0);
        assertThat(emoji.length()).isLessThanOrEqualTo(512);
        assertThat(Character.isHighSurrogate(emoji.charAt(emoji.length() - 1))).isFalse();
    }

    @Test
    void masksAMebibyteMessageInLinearTime() {
        String[] inputs = {"a:".repeat(1 << 19), "1.".repeat(1 << 19), "'".repeat(1 << 20), " ".repeat(1 << 20),
                "ab-".repeat(1 << 18), "0".repeat(1 << 20), "f".repeat(1 << 20)};
        for (String input : inputs) {
            // Quadratic work on a mebibyte would take minutes; a generous bound keeps a loaded machine green.
            assertThat(Timing.bestOfNanos(3, () -> MessagePattern.ofMessage(input, 0)))
                    .as(input.substring(0, 4)).isLessThan(1_000_000_000L);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(nullValues = "null", value = {
            "GET, /v1/users/{id}, 2xx, GET /v1/users/{id} 2xx", "POST, /v1/orders, null, POST /v1/orders",
            "null, /v1/orders, 5xx, /v1/orders 5xx", "GET, null, 4xx, GET 4xx", "null, null, 2xx, null"
    })
    void spellsAnExchangeAsMethodRouteAndStatusClass(String method, String route, String statusClass,
                                                     String pattern) {
        assertThat(MessagePattern.ofExchange(method, route, statusClass)).isEqualTo(pattern);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {"get, GET", "' Post ', POST", "PROPFIND, PROPFIND", "'G ET', null",
            "'', null", "null, null", "GET\u00e9, null"})
    void acceptsOnlyMethodTokens(String raw, String method) {
        assertThat(MessagePattern.method(raw)).isEqualTo(method);
    }
}
