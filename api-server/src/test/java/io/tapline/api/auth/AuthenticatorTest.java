package io.tapline.api.auth;

import io.undertow.server.HttpServerExchange;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthenticatorTest {

    private static HttpServerExchange request(String apiKey) {
        HttpServerExchange exchange = new HttpServerExchange(null);
        if (apiKey != null) {
            exchange.getRequestHeaders().put(AdminKeyAuthenticator.API_KEY_HEADER, apiKey);
        }
        return exchange;
    }

    @Test
    void adminKeyResolvesToTheAdminPrincipal() {
        Optional<Principal> principal = new AdminKeyAuthenticator("s3cret").authenticate(request("s3cret"));

        assertThat(principal).hasValueSatisfying(p -> assertThat(p.admin()).isTrue());
    }

    @Test
    void anyOtherOrMissingKeyResolvesToNobody() {
        AdminKeyAuthenticator admin = new AdminKeyAuthenticator("s3cret");

        assertThat(admin.authenticate(request(null))).isEmpty();
        assertThat(admin.authenticate(request(""))).isEmpty();
        assertThat(admin.authenticate(request("s3cre"))).isEmpty();
        assertThat(admin.authenticate(request("s3cret "))).isEmpty();
    }

    @Test
    void aBlankAdminTokenIsRefusedUpFront() {
        assertThatThrownBy(() -> new AdminKeyAuthenticator(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noneAcceptsNothing() {
        assertThat(Authenticator.none().authenticate(request("anything"))).isEmpty();
    }

    @Test
    void orTriesTheSecondAuthenticatorOnlyWhenTheFirstFoundNobody() {
        Principal tenant = Principal.tenant("t", Set.of("p1"));
        Authenticator chain = new AdminKeyAuthenticator("s3cret").or(exchange -> Optional.of(tenant));

        assertThat(chain.authenticate(request("s3cret"))).hasValueSatisfying(p -> assertThat(p.admin()).isTrue());
        assertThat(chain.authenticate(request("other"))).contains(tenant);
    }

    @Test
    void aTenantPrincipalMayReadOnlyItsProjects() {
        Principal tenant = Principal.tenant("t", Set.of("p1"));

        assertThat(tenant.mayRead("p1")).isTrue();
        assertThat(tenant.mayRead("p2")).isFalse();
        assertThat(Principal.admin("a").mayRead("p2")).isTrue();
    }
}
