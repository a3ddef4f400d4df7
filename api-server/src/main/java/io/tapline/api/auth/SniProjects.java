package io.tapline.api.auth;

import io.tapline.api.http.ApiException;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.SSLSessionInfo;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tenant listener's TLS SNI host to project map ({@code TAPLINE_API_SNI_PROJECTS}): a tenant that connects
 * through a mapped host name is narrowed to that one project, and refused (403) when its credential does not
 * cover it. Hosts not in the map, and plain-HTTP connections, leave the credential's own scope as it is.
 */
public final class SniProjects {

    static final String NOT_THIS_HOST = "Caller is not permitted to read logs for this scope";

    private final Map<String, String> projectByHost;

    private SniProjects(Map<String, String> projectByHost) {
        this.projectByHost = Map.copyOf(projectByHost);
    }

    public static SniProjects none() {
        return new SniProjects(Map.of());
    }

    /** @throws IllegalArgumentException for a blank host or an invalid project id, naming it */
    public static SniProjects of(Map<String, String> projectByHost) {
        Map<String, String> normalized = new HashMap<>();
        projectByHost.forEach((host, project) -> {
            if (host == null || host.isBlank() || host.contains("=") || host.contains(",")) {
                throw new IllegalArgumentException("TAPLINE_API_SNI_PROJECTS: invalid host name '" + host + "'");
            }
            if (!ProjectIds.isValid(project)) {
                throw new IllegalArgumentException("TAPLINE_API_SNI_PROJECTS: invalid project id '" + project
                        + "' for host " + host);
            }
            normalized.put(host.trim().toLowerCase(Locale.ROOT), project);
        });
        return new SniProjects(normalized);
    }

    /**
     * Parses {@code host=project,host=project}.
     *
     * @throws IllegalArgumentException naming {@code TAPLINE_API_SNI_PROJECTS} and the bad entry
     */
    public static SniProjects parse(String spec) {
        Map<String, String> map = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return none();
        }
        for (String entry : spec.split(",")) {
            String[] parts = entry.trim().split("=", -1);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException("TAPLINE_API_SNI_PROJECTS: expected host=projectId, got '"
                        + entry.trim() + "'");
            }
            if (map.put(parts[0].trim().toLowerCase(Locale.ROOT), parts[1].trim()) != null) {
                throw new IllegalArgumentException("TAPLINE_API_SNI_PROJECTS: host " + parts[0].trim()
                        + " is listed twice");
            }
        }
        return of(map);
    }

    public boolean isEmpty() {
        return projectByHost.isEmpty();
    }

    public Map<String, String> asMap() {
        return projectByHost;
    }

    /** {@code principal}, narrowed to the project of the host the client named in its TLS handshake. */
    Principal restrict(Principal principal, HttpServerExchange exchange) {
        if (projectByHost.isEmpty() || principal.admin()) {
            return principal;
        }
        Optional<String> host = requestedHost(exchange);
        String project = host.map(projectByHost::get).orElse(null);
        if (project == null) {
            return principal;
        }
        if (!principal.mayRead(project)) {
            throw ApiException.forbidden(NOT_THIS_HOST);
        }
        return Principal.tenant(principal.name(), Set.of(project));
    }

    /** The SNI host name of the connection's TLS handshake, lower case, if any. */
    static Optional<String> requestedHost(HttpServerExchange exchange) {
        SSLSessionInfo info = exchange.getConnection() == null ? null : exchange.getConnection().getSslSessionInfo();
        SSLSession session = info == null ? null : info.getSSLSession();
        if (!(session instanceof ExtendedSSLSession extended)) {
            return Optional.empty();
        }
        for (SNIServerName name : extended.getRequestedServerNames()) {
            if (name instanceof SNIHostName host) {
                return Optional.of(host.getAsciiName().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
