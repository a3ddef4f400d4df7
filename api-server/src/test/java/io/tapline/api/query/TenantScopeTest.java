package io.tapline.api.query;

import io.tapline.api.RunningApi;
import io.tapline.api.TestEntries;
import io.tapline.api.auth.Authenticator;
import io.tapline.api.auth.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.tapline.api.RunningApi.errorBody;
import static io.tapline.api.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Tenant isolation on the logs endpoint, driven through the tenant listener's {@link Authenticator}. */
class TenantScopeTest {

    private static final String LOGS = "/api/proxy-logs/_logs";

    /** Stands in for JWT / API keys: header {@code X-Test-Tenant: alice} reads projects a1 and a2. */
    private static final Authenticator TEST_TENANTS = exchange -> {
        String who = exchange.getRequestHeaders().getFirst("X-Test-Tenant");
        if ("alice".equals(who)) {
            return Optional.of(Principal.tenant("alice", Set.of("a1", "a2")));
        }
        if ("nobody".equals(who)) {
            return Optional.of(Principal.tenant("nobody", Set.of()));
        }
        return Optional.empty();
    };

    private final RunningApi api = RunningApi.start(TEST_TENANTS);

    TenantScopeTest() {
        api.store.add(TestEntries.record(1, "a1"), TestEntries.record(2, "a2"), TestEntries.record(3, "b1"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void tenantWithoutProjectIdSeesOnlyItsOwnProjects() {
        HttpResponse<String> response = api.tenant(LOGS, "X-Test-Tenant", "alice");

        assertThat(projectsOf(response)).containsExactly("a2", "a1");
        assertThat(json(response)).containsEntry("total", 2);
        assertThat(api.store.lastQuery().projectIds()).containsExactlyInAnyOrder("a1", "a2");
    }

    @Test
    void tenantAskingForOneOfItsProjectsGetsOnlyThatProject() {
        assertThat(projectsOf(api.tenant(LOGS + "?projectId=a2", "X-Test-Tenant", "alice"))).containsExactly("a2");
    }

    @Test
    void tenantAskingForAnotherProjectGets403AndTheStoreIsNeverAsked() {
        HttpResponse<String> response = api.tenant(LOGS + "?projectId=b1", "X-Test-Tenant", "alice");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response)).isEqualTo(
                errorBody(403, "Forbidden", "Caller is not permitted to read logs for this scope"));
        assertThat(response.body()).doesNotContain("b1");
        assertThat(api.store.queries()).isEmpty();
    }

    @Test
    void tenantWithNoProjectAtAllGets403() {
        HttpResponse<String> response = api.tenant(LOGS, "X-Test-Tenant", "nobody");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(api.store.queries()).isEmpty();
    }

    @Test
    void tenantNeverSeesOtherProjectsRecordsEvenWhenTheStoreIgnoresTheFilter() {
        api.store.ignoreProjectFilter();

        HttpResponse<String> response = api.tenant(LOGS, "X-Test-Tenant", "alice");

        assertThat(projectsOf(response)).containsExactly("a2", "a1");
        assertThat(response.body()).doesNotContain("\"b1\"");
    }

    @Test
    void unknownTenantCredentialIs401() {
        HttpResponse<String> response = api.tenant(LOGS, "X-Test-Tenant", "mallory");

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> projectsOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        List<Map<String, Object>> entries = (List<Map<String, Object>>) json(response).get("entries");
        return entries.stream().map(e -> e.get("projectId")).toList();
    }
}
