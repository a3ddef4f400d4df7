package io.tapline.proxy.capture;

/** The {@code action} of the proxy's {@code event} records: what went wrong, or what changed. */
public final class EventAction {
    public static final String UPSTREAM_CONNECT_FAILURE = "upstream_connect_failure";
    public static final String UPSTREAM_TIMEOUT = "upstream_timeout";
    public static final String UPSTREAM_RESET = "upstream_reset";
    /** The upstream's response broke HTTP framing (a bad head, chunk or length): 502, or a cut if already started. */
    public static final String UPSTREAM_BAD_RESPONSE = "upstream_bad_response";
    public static final String CLIENT_ABORT = "client_abort";
    public static final String TLS_HANDSHAKE_FAILURE = "tls_handshake_failure";
    public static final String NO_ROUTE = "no_route";
    public static final String MALFORMED_REQUEST = "malformed_request";
    public static final String HEADER_TOO_LARGE = "header_too_large";
    public static final String REQUEST_TIMEOUT = "request_timeout";
    public static final String CONFIG_RELOAD = "config_reload";
    public static final String CONFIG_RELOAD_FAILED = "config_reload_failed";
    /** Seed 004's live-tail event name: the container is gone, tails scoped to it close. */
    public static final String SCOPE_DESTROYED = "scope-destroyed";

    private EventAction() {
    }
}
