package io.tapline.enrich;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentsTest {

    static Stream<Arguments> wholeNumbers() {
        return Stream.of(Arguments.of(200, 200L), Arguments.of(200L, 200L), Arguments.of((short) 7, 7L),
                Arguments.of(200.0, 200L), Arguments.of(200.0f, 200L), Arguments.of(new BigDecimal("200"), 200L),
                Arguments.of(BigInteger.valueOf(42), 42L), Arguments.of("200", 200L), Arguments.of(" -5 ", -5L),
                Arguments.of("200.0", 200L), Arguments.of(200.5, null), Arguments.of("abc", null),
                Arguments.of("", null), Arguments.of("1e3", null), Arguments.of("NaN", null),
                Arguments.of(Double.NaN, null), Arguments.of(Double.POSITIVE_INFINITY, null), Arguments.of(true, null),
                Arguments.of(List.of(200), null), Arguments.of(BigInteger.TEN.pow(40), null), Arguments.of(1e300, null),
                Arguments.of("9".repeat(100), null), Arguments.of("-", null), Arguments.of(".", null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("wholeNumbers")
    void readsWholeNumbersWhateverTheirType(Object value, Long expected) {
        assertThat(Documents.wholeNumber(value)).isEqualTo(expected);
    }

    @Test
    void readsTextFromStringsAndOneElementListsOnly() {
        assertThat(Documents.asString("a")).isEqualTo("a");
        assertThat(Documents.asString(new StringBuilder("sb"))).isEqualTo("sb");
        assertThat(Documents.asString(List.of("only"))).isEqualTo("only");
        assertThat(Documents.asString(List.of("a", "b"))).isNull();
        assertThat(Documents.asString(List.of(1))).isNull();
        assertThat(Documents.asString(42)).isNull();
        assertThat(Documents.asString(null)).isNull();
    }

    @Test
    void getsThroughNestedObjectsAndStopsAtAnythingElse() {
        Map<String, Object> doc = SampleDocuments.doc("{'a':{'b':{'c':1}},'s':'text','l':[1]}");
        assertThat(Documents.get(doc, "a", "b", "c")).isEqualTo(1);
        assertThat(Documents.get(doc, "a", "x", "c")).isNull();
        assertThat(Documents.get(doc, "s", "b")).isNull();
        assertThat(Documents.get(doc, "l", "0")).isNull();
        Map<Object, Object> foreignKeys = new TreeMap<>(Map.of(1, "one"));
        assertThat(Documents.get(Map.of("m", foreignKeys), "m", "x")).isNull();
    }

    @Test
    void putCreatesMissingObjectsAndNeverOverwritesAScalarInTheWay() {
        Map<String, Object> doc = SampleDocuments.doc("{'s':'text'}");
        assertThat(Documents.put(doc, 1, "a", "b", "c")).isTrue();
        assertThat(Documents.put(doc, 2, "s", "x")).isFalse();
        assertThat(doc).isEqualTo(SampleDocuments.doc("{'s':'text','a':{'b':{'c':1}}}"));
    }

    @Test
    void putIfChangedWritesOnlyADifferentValueAndSaysSo() {
        Map<String, Object> doc = SampleDocuments.doc("{'s':'text','a':{'b':1}}");
        Map<String, Object> readOnly = Map.of("c", 2);
        doc.put("r", readOnly);
        assertThat(Documents.putIfChanged(doc, 1, "a", "b")).isFalse();
        assertThat(Documents.putIfChanged(doc, 2, "r", "c")).isFalse();
        assertThat(doc.get("r")).isSameAs(readOnly);
        assertThat(Documents.putIfChanged(doc, 3, "r", "c")).isTrue();
        assertThat(Documents.putIfChanged(doc, 4, "x", "y")).isTrue();
        assertThat(Documents.putIfChanged(doc, 5, "s", "z")).isFalse();
        assertThat(doc).isEqualTo(SampleDocuments.doc("{'s':'text','a':{'b':1},'r':{'c':3},'x':{'y':4}}"));
    }

    @Test
    void putAndRemoveReplaceReadOnlyNestedObjectsByMutableCopies() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("a", Map.of("b", Collections.unmodifiableMap(new LinkedHashMap<>(Map.of("c", 1, "d", 2)))));
        Documents.put(doc, 3, "a", "b", "e");
        Documents.remove(doc, "a", "b", "c");
        Documents.remove(doc, "a", "b", "missing");
        assertThat(Documents.get(doc, "a", "b")).isEqualTo(Map.of("d", 2, "e", 3));
    }
}
