package io.tapline.cli;

import io.tapline.api.auth.SniProjects;

import java.nio.file.Path;
import java.util.Map;

/**
 * TLS of the tenant API listener: {@code TAPLINE_API_TLS_KEYSTORE} (PKCS#12), {@code TAPLINE_API_TLS_PASSWORD},
 * and the SNI host to project map {@code TAPLINE_API_SNI_PROJECTS} ({@code host=projectId,...}).
 */
record TenantTls(Path keyStore, String password, SniProjects sniProjects) {

    /** Null when no key store is set; an SNI map without one is an error naming both variables. */
    static TenantTls fromEnvironment(Map<String, String> env) {
        String keyStore = blank(env.get("TAPLINE_API_TLS_KEYSTORE"));
        SniProjects sni = SniProjects.parse(env.get("TAPLINE_API_SNI_PROJECTS"));
        if (keyStore == null) {
            if (!sni.isEmpty()) {
                throw new ConfigException("TAPLINE_API_SNI_PROJECTS needs TLS on the tenant listener: "
                        + "set TAPLINE_API_TLS_KEYSTORE");
            }
            return null;
        }
        return new TenantTls(Path.of(keyStore), env.getOrDefault("TAPLINE_API_TLS_PASSWORD", ""), sni);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
