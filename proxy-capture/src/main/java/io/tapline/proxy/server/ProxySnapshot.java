package io.tapline.proxy.server;

import io.tapline.redact.Redactor;
import io.tapline.proxy.routing.ProxyConfig;
import io.tapline.proxy.routing.RouteTable;

/**
 * One consistent view of the proxy's configuration: an exchange reads it once at its start, so a reload
 * never changes the rules half-way through a request.
 */
public record ProxySnapshot(ProxyConfig config, RouteTable routes, Redactor redactor) {

    public static ProxySnapshot of(ProxyConfig config) {
        return new ProxySnapshot(config, RouteTable.of(config), new Redactor(config.redaction()));
    }
}
