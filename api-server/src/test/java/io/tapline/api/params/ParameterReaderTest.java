package io.tapline.api.params;

import io.tapline.api.http.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParameterReaderTest {

    private static final ParameterSpec COUNT = ParameterSpec.integer("count", 1, 10, 5L, "3", "a count");
    private static final ParameterSpec BIG = ParameterSpec.integer("big", 0, Long.MAX_VALUE, null, "3", "an id");
    private static final ParameterSpec FLAG = ParameterSpec.bool("flag", false, "a flag");
    private static final ParameterSpec NAME = ParameterSpec.string("name", 8, "abc", "a name");
    private static final ParameterSpec TOKEN = ParameterSpec.pattern("token", 8, "[a-z]*", "", "lower-case letters", "t");
    private static final ParameterSpec COLOR = ParameterSpec.oneOf("color", List.of("red", "blue"), "red", "a color");
    private static final ParameterSpec AT = ParameterSpec.dateTime("at", "a time");
    private static final List<ParameterSpec> ALL = List.of(COUNT, BIG, FLAG, NAME, TOKEN, COLOR, AT);

    private static ParameterReader reader(String name, String value) {
        return new ParameterReader(Map.of(name, List.of(value)), ALL, "the test");
    }

    private static void refused(Runnable read, String message) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void anUnknownParameterIsRefusedNamingIt() {
        refused(() -> reader("colour", "red"), "unknown parameter colour for the test (see /api/openapi.json)");
    }

    @Test
    void aRepeatedParameterIsRefused() {
        refused(() -> new ParameterReader(Map.of("count", List.of("1", "2")), ALL, "t").integer(COUNT),
                "count must be given at most once");
    }

    @Test
    void integersArePlainAsciiDigitsWithinBounds() {
        assertThat(reader("count", "10").integer(COUNT)).isEqualTo(10);
        assertThat(new ParameterReader(Map.of(), ALL, "t").integer(COUNT)).isEqualTo(5);
        for (String bad : List.of("0", "11", "-1", "+3", "3.0", "", " 3", "３", "99999999999999999999")) {
            refused(() -> reader("count", bad).integer(COUNT), "count must be an integer between 1 and 10");
        }
        assertThat(reader("big", "9223372036854775807").integer(BIG)).isEqualTo(Long.MAX_VALUE);
        refused(() -> reader("big", "9223372036854775808").integer(BIG),
                "big must be an integer between 0 and 9223372036854775807");
    }

    @Test
    void booleansAreTrueOrFalse() {
        assertThat(reader("flag", "TRUE").bool(FLAG)).isTrue();
        assertThat(new ParameterReader(Map.of(), ALL, "t").bool(FLAG)).isFalse();
        refused(() -> reader("flag", "1").bool(FLAG), "flag must be true or false");
    }

    @Test
    void stringsAreNotBlankNotTooLongAndWithoutControlCharacters() {
        assertThat(reader("name", "a b").string(NAME)).isEqualTo("a b");
        for (String bad : List.of("", "  ", "123456789", "a\u0000", "a\nb")) {
            refused(() -> reader("name", bad).string(NAME),
                    "name must be between 1 and 8 non-blank characters without control characters");
        }
        assertThat(reader("token", "").string(TOKEN)).isEmpty();
        refused(() -> reader("token", "A").string(TOKEN), "token must be lower-case letters");
    }

    @Test
    void enumerationsAreCaseInsensitive() {
        assertThat(reader("color", "BLUE").oneOf(COLOR)).isEqualTo("blue");
        assertThat(new ParameterReader(Map.of(), ALL, "t").oneOf(COLOR)).isEqualTo("red");
        refused(() -> reader("color", "green").oneOf(COLOR), "color must be one of red, blue");
    }

    @Test
    void dateTimesNeedAnOffsetAndTakeASpaceForAnUnencodedPlus() {
        assertThat(reader("at", "2024-06-12T14:33:54Z").dateTime(AT)).isEqualTo(Instant.parse("2024-06-12T14:33:54Z"));
        assertThat(reader("at", "2024-06-12T16:33:54.5+02:00").dateTime(AT))
                .isEqualTo(Instant.parse("2024-06-12T14:33:54.500Z"));
        assertThat(reader("at", "2024-06-12T16:33:54 02:00").dateTime(AT)).isEqualTo(Instant.parse("2024-06-12T14:33:54Z"));
        for (String bad : List.of("2024-06-12T14:33:54", "2024-06-12", "1718201234000", "1969-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z", "2024-02-30T00:00:00Z")) {
            refused(() -> reader("at", bad).dateTime(AT),
                    "at must be an ISO 8601 date-time with a UTC offset, such as 2024-06-12T14:33:54Z");
        }
    }
}
