package io.tapline.api.auth;

import io.tapline.api.http.ApiException;

import java.util.Optional;

/**
 * What each listener lets in, around the authenticators that resolve credentials: the admin listener admits
 * admin principals only, the tenant listener tenant principals only. A valid credential of the other kind is
 * a 403 naming the right listener, not a 401: the caller is known, it is at the wrong door.
 */
public final class ListenerGate {

    static final String ADMIN_ONLY = "The admin listener accepts admin credentials only";
    static final String TENANT_ONLY = "Admin credentials are accepted on the admin listener only";

    private ListenerGate() {
    }

    /** Admits what {@code credentials} resolves only when it is an admin. */
    public static Authenticator adminListener(Authenticator credentials) {
        return exchange -> admit(credentials.authenticate(exchange), true, ADMIN_ONLY);
    }

    /**
     * Admits what {@code credentials} resolves only when it is a tenant, so that an admin credential that
     * leaked out of the admin network is useless on the (possibly public) tenant listener.
     */
    public static Authenticator tenantListener(Authenticator credentials) {
        return tenantListener(credentials, SniProjects.none());
    }

    /** As {@link #tenantListener(Authenticator)}, and narrowed to the project of the TLS SNI host (if mapped). */
    public static Authenticator tenantListener(Authenticator credentials, SniProjects sni) {
        return exchange -> admit(credentials.authenticate(exchange), false, TENANT_ONLY)
                .map(principal -> sni.restrict(principal, exchange));
    }

    private static Optional<Principal> admit(Optional<Principal> principal, boolean admin, String refusal) {
        if (principal.isPresent() && principal.get().admin() != admin) {
            throw ApiException.forbidden(refusal);
        }
        return principal;
    }
}
