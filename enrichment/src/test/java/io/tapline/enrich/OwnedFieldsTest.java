package io.tapline.enrich;

import io.tapline.enrich.OwnedFields.Field;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Which owned fields of a {@code tapline.enrichment} object differ from the computed ones, however it is held. */
class OwnedFieldsTest {
    @Test
    void aFreshObjectDiffersInEveryComputedField() {
        OwnedFields out = new OwnedFields();
        out.put(Field.ROUTE, "/a/{id}");
        out.put(Field.SLOW, Boolean.TRUE);
        int expected = 1 << Field.ROUTE.ordinal() | 1 << Field.SLOW.ordinal();
        assertThat(out.differing(new LinkedHashMap<>(Map.of("region", "eu-west-1")))).isEqualTo(expected);
        assertThat(out.differing(new HashMap<>())).isEqualTo(expected);
        assertThat(out.differing(Map.of())).isEqualTo(expected);
    }

    @Test
    void equalValuesDoNotDifferAndStaleOrNullOnesDo() {
        OwnedFields out = new OwnedFields();
        out.put(Field.ROUTE, "/a/{id}");
        out.put(Field.THREAT, List.of("sqli"));
        Map<String, Object> current = new LinkedHashMap<>();
        current.put("route", "/a/{id}");
        current.put("threat", new ArrayList<>(List.of("sqli")));
        current.put("slow", true); // stale: no longer computed
        current.put("pattern", null); // there, but null, as nothing was computed
        current.put("region", "eu-west-1");
        assertThat(out.differing(current)).isEqualTo(1 << Field.SLOW.ordinal());
        current.put("route", "/b");
        assertThat(out.differing(current)).isEqualTo(1 << Field.SLOW.ordinal() | 1 << Field.ROUTE.ordinal());
    }

    /** A hash map is read through once; every other map is looked up field by field; both give the same bits. */
    @Test
    void readingAHashMapThroughGivesWhatLookingUpEachFieldGives() {
        Random random = new Random(12);
        Object[] values = {null, "x", "y", 1, 1L, true, List.of("sqli"), new ArrayList<>(List.of("sqli")), Map.of()};
        for (int run = 0; run < 20_000; run++) {
            OwnedFields out = new OwnedFields();
            Map<Object, Object> current = new HashMap<>();
            for (Field field : OwnedFields.ALL) {
                out.put(field, values[random.nextInt(values.length)]);
                if (random.nextBoolean()) {
                    current.put(field.key, values[random.nextInt(values.length)]);
                }
            }
            if (random.nextBoolean()) {
                current.put("region", "eu-west-1");
            }
            if (random.nextInt(10) == 0) {
                current.put(42, "a key that is no string");
                current.put(null, "no key at all");
            }
            int expected = lookedUpOneByOne(out, current);
            assertThat(out.differing(current)).as(current.toString()).isEqualTo(expected);
            assertThat(out.differing(new LinkedHashMap<>(current))).isEqualTo(expected);
            assertThat(out.differing(Collections.unmodifiableMap(current))).isEqualTo(expected);
        }
    }

    private static int lookedUpOneByOne(OwnedFields out, Map<?, ?> current) {
        int differing = 0;
        for (Field field : OwnedFields.ALL) {
            if (!Objects.equals(out.get(field), current.get(field.key))) {
                differing |= 1 << field.ordinal();
            }
        }
        return differing;
    }
}
