package io.tapline.api.auth;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SniProjectsTest {

    @Test
    void parsesHostEqualsProjectPairsWithHostsInLowerCase() {
        assertThat(SniProjects.parse(" API.a.test=proj_a , b.test=proj_b").asMap())
                .isEqualTo(Map.of("api.a.test", "proj_a", "b.test", "proj_b"));
        assertThat(SniProjects.parse("").isEmpty()).isTrue();
        assertThat(SniProjects.parse(null).isEmpty()).isTrue();
    }

    @Test
    void refusesMalformedEntriesDuplicateHostsAndInvalidProjectIdsNamingTheVariable() {
        assertThatThrownBy(() -> SniProjects.parse("a.test")).hasMessage(
                "TAPLINE_API_SNI_PROJECTS: expected host=projectId, got 'a.test'");
        assertThatThrownBy(() -> SniProjects.parse("=p")).hasMessageStartingWith("TAPLINE_API_SNI_PROJECTS");
        assertThatThrownBy(() -> SniProjects.parse("a.test=p,A.test=q")).hasMessage(
                "TAPLINE_API_SNI_PROJECTS: host A.test is listed twice");
        assertThatThrownBy(() -> SniProjects.parse("a.test=../p")).hasMessage(
                "TAPLINE_API_SNI_PROJECTS: invalid project id '../p' for host a.test");
    }
}
