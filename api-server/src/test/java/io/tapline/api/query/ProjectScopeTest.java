package io.tapline.api.query;

import io.tapline.api.auth.Principal;
import io.tapline.api.http.ApiException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectScopeTest {

    private static final Principal ADMIN = Principal.admin("root");
    private static final Principal ALICE = Principal.tenant("alice", Set.of("a1", "a2"));

    @Test
    void adminWithoutProjectIdSearchesEveryProject() {
        assertThat(ProjectScope.resolve(ADMIN, null)).isNull();
    }

    @Test
    void adminMayNarrowToAnyProject() {
        assertThat(ProjectScope.resolve(ADMIN, "b1")).containsExactly("b1");
    }

    @Test
    void tenantWithoutProjectIdIsLimitedToItsProjects() {
        assertThat(ProjectScope.resolve(ALICE, null)).containsExactlyInAnyOrder("a1", "a2");
    }

    @Test
    void tenantMayNarrowToOneOfItsProjects() {
        assertThat(ProjectScope.resolve(ALICE, "a1")).containsExactly("a1");
    }

    @Test
    void tenantAskingForAProjectOutsideItsSetIsForbidden() {
        assertThatThrownBy(() -> ProjectScope.resolve(ALICE, "b1"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessage("Caller is not permitted to read logs for this scope");
    }

    @Test
    void tenantWithoutAnyProjectIsForbiddenRatherThanGivenEverything() {
        Principal none = Principal.tenant("none", Set.of());

        assertThatThrownBy(() -> ProjectScope.resolve(none, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }
}
