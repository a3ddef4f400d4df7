package io.tapline.proxy.routing;

import io.tapline.redact.RedactionRules;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything the routes file configures for the proxy: routes, trusted proxies, redaction and TLS. Immutable;
 * built and validated by {@link RoutesFile}.
 *
 * @param routes         routes in file order (non-empty when read from a file)
 * @param trustedProxies ranges whose X-Forwarded-For entries are believed; empty trusts nobody
 * @param redaction      what to redact, defaults included unless the file replaced them
 * @param tls            the listener's certificate, or null for plain HTTP
 */
public record ProxyConfig(List<Route> routes, List<Cidr> trustedProxies, RedactionRules redaction, Tls tls) {

    public ProxyConfig {
        routes = List.copyOf(routes);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        redaction = redaction == null ? RedactionRules.defaults() : redaction;
    }

    /** Routes only, with no trusted proxies, default redaction and no TLS. */
    public static ProxyConfig of(List<Route> routes) {
        return new ProxyConfig(routes, List.of(), RedactionRules.defaults(), null);
    }

    /**
     * PEM certificate chain and private key for the TLS listener, with optional per-SNI-host certificates.
     *
     * @param certFile default certificate chain (PEM)
     * @param keyFile  its private key (PEM, PKCS#8)
     * @param sni      certificates served instead for specific SNI host names
     */
    public record Tls(Path certFile, Path keyFile, List<SniCert> sni) {
        public Tls {
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
            sni = sni == null ? List.of() : List.copyOf(sni);
        }
    }

    /**
     * @param host     SNI host name, lower case
     * @param certFile certificate chain (PEM)
     * @param keyFile  private key (PEM)
     */
    public record SniCert(String host, Path certFile, Path keyFile) {
        public SniCert {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
        }
    }
}
