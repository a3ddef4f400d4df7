package io.tapline.cli;

/**
 * Which parts of Tapline one process runs: everything ({@code serve}), only the capture proxy ({@code proxy}), or
 * only the API ({@code api}), so that the proxy and the API can be deployed and scaled apart.
 */
enum Parts {
    EVERYTHING(true, true, "serve"),
    PROXY_ONLY(true, false, "proxy"),
    API_ONLY(false, true, "api");

    private final boolean proxy;
    private final boolean api;
    private final String command;

    Parts(boolean proxy, boolean api, String command) {
        this.proxy = proxy;
        this.api = api;
        this.command = command;
    }

    /** Runs the capture proxy (when there are routes, or a demo). */
    boolean proxy() {
        return proxy;
    }

    /** Runs the API listeners and its live feed. */
    boolean api() {
        return api;
    }

    /** The subcommand that runs these parts, for messages. */
    String command() {
        return command;
    }
}
