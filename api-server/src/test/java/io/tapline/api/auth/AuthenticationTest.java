package io.tapline.api.auth;

import io.tapline.api.RunningApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static io.tapline.api.RunningApi.errorBody;
import static io.tapline.api.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationTest {

    private static final String LOGS = "/api/proxy-logs/_logs";

    private final RunningApi api = RunningApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void adminListenerAcceptsTheAdminKey() {
        assertThat(api.admin(LOGS).statusCode()).isEqualTo(200);
    }

    @Test
    void adminListenerAnswers401WithoutAKey() {
        assertUnauthorized(api.send("GET", api.server.adminAddress(), LOGS));
    }

    @Test
    void adminListenerAnswers401ForAWrongKey() {
        assertUnauthorized(api.send("GET", api.server.adminAddress(), LOGS, "X-API-Key", "wrong"));
        assertUnauthorized(api.send("GET", api.server.adminAddress(), LOGS,
                "X-API-Key", RunningApi.ADMIN_TOKEN.substring(0, RunningApi.ADMIN_TOKEN.length() - 1)));
        assertUnauthorized(api.send("GET", api.server.adminAddress(), LOGS,
                "X-API-Key", RunningApi.ADMIN_TOKEN.toUpperCase()));
        assertUnauthorized(api.send("GET", api.server.adminAddress(), LOGS,
                "X-API-Key", RunningApi.ADMIN_TOKEN + "x"));
    }

    @Test
    void adminListenerDoesNotAcceptTheAdminTokenAsABearerToken() {
        HttpResponse<String> response = api.send("GET", api.server.adminAddress(), LOGS,
                "Authorization", "Bearer " + RunningApi.ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response)).isEqualTo(errorBody(401, "Unauthorized", "Bearer token is malformed"));
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"tapline\", error=\"invalid_token\"");
    }

    @Test
    void tenantListenerRefusesTheAdminTokenWith403NamingTheAdminListener() {
        for (String path : new String[]{LOGS, LOGS + "?projectId=p1"}) {
            HttpResponse<String> response = api.tenant(path, "X-API-Key", RunningApi.ADMIN_TOKEN);

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(json(response)).isEqualTo(errorBody(403, "Forbidden",
                    "Admin credentials are accepted on the admin listener only"));
        }
        assertThat(api.store.queries()).isEmpty();
    }

    @Test
    void tenantListenerAnswers401ForLogsWithoutACredential() {
        assertUnauthorized(api.tenant(LOGS));
    }

    @Test
    void anUnauthenticatedRequestNeverReachesTheStoreEvenWithBadParameters() {
        assertUnauthorized(api.tenant(LOGS + "?limit=0"));
        assertThat(api.store.queries()).isEmpty();
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"tapline\"");
        assertThat(json(response)).isEqualTo(errorBody(401, "Unauthorized", "Missing or invalid credential"));
    }
}
