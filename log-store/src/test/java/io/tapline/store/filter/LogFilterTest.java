package io.tapline.store.filter;

import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LogFilterTest {

    @Test
    void equalFiltersHaveEqualFingerprintsWhateverTheOrderOfTheirSets() {
        LogFilter a = LogFilter.builder().projectIds(new LinkedHashSet<>(List.of("p1", "p2")))
                .levels(EnumSet.of(Level.WARN, Level.ERROR)).build();
        LogFilter b = LogFilter.builder().projectIds(new LinkedHashSet<>(List.of("p2", "p1")))
                .levels(new LinkedHashSet<>(List.of(Level.ERROR, Level.WARN))).build();
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).hasSize(64);
    }

    @Test
    void everyComponentChangesTheFingerprint() {
        LogFilter base = LogFilter.builder().build();
        List<LogFilter> variants = List.of(
                base.withProjects(Set.of()),
                base.withProjects(Set.of("p")),
                LogFilter.builder().containerId("c").build(),
                LogFilter.builder().serviceName("c").build(),
                LogFilter.builder().levels(Set.of(Level.INFO)).build(),
                LogFilter.builder().kind(Kind.EVENT).build(),
                LogFilter.builder().method("GET").build(),
                LogFilter.builder().source(io.tapline.schema.Source.EDGE).build(),
                LogFilter.builder().text("c").build(),
                LogFilter.builder().fromMs(1L).build(),
                LogFilter.builder().toMs(1L).build());
        Set<String> prints = new java.util.HashSet<>();
        prints.add(base.fingerprint());
        variants.forEach(v -> prints.add(v.fingerprint()));
        assertThat(prints).hasSize(variants.size() + 1);
    }

    @Test
    void valuesCannotBeCraftedToImitateAnotherField() {
        LogFilter sneaky = LogFilter.builder().containerId("x|service=1:y").build();
        LogFilter honest = LogFilter.builder().containerId("x").serviceName("y").build();
        assertThat(sneaky.fingerprint()).isNotEqualTo(honest.fingerprint());
        LogFilter twoProjects = LogFilter.builder().projectIds(Set.of("a;1:b")).build();
        LogFilter oneProject = LogFilter.builder().projectIds(Set.of("a", "b")).build();
        assertThat(twoProjects.fingerprint()).isNotEqualTo(oneProject.fingerprint());
    }

    @Test
    void knowsWhenNothingCanMatch() {
        assertThat(LogFilter.ALL.matchesNothing()).isFalse();
        assertThat(LogFilter.ALL.withProjects(Set.of()).matchesNothing()).isTrue();
        assertThat(LogFilter.builder().levels(Set.of()).build().matchesNothing()).isTrue();
        assertThat(LogFilter.builder().fromMs(5L).toMs(5L).build().matchesNothing()).isTrue();
        assertThat(LogFilter.builder().fromMs(5L).toMs(6L).build().matchesNothing()).isFalse();
    }
}
