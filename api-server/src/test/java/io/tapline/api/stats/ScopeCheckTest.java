package io.tapline.api.stats;

import io.tapline.store.filter.LogFilter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopeCheckTest {

    @Test
    void aProjectOutsideTheScopeIsAnErrorThatNamesNoProject() {
        LogFilter scoped = LogFilter.builder().projectIds(Set.of("a1", "a2")).build();

        assertThatThrownBy(() -> ScopeCheck.projects(scoped, List.of("a1", "b1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("b1").hasMessageNotContaining("a1");
    }

    @Test
    void projectsInsideTheScopeAndAnyProjectForAnAdminPass() {
        LogFilter scoped = LogFilter.builder().projectIds(Set.of("a1", "a2")).build();

        assertThatCode(() -> ScopeCheck.projects(scoped, List.of("a2", "a1"))).doesNotThrowAnyException();
        assertThatCode(() -> ScopeCheck.projects(LogFilter.ALL, List.of("b1"))).doesNotThrowAnyException();
    }
}
