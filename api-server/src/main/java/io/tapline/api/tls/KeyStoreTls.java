package io.tapline.api.tls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;

/**
 * Builds the tenant listener's {@link SSLContext} from a PKCS#12 key store ({@code TAPLINE_API_TLS_KEYSTORE},
 * {@code TAPLINE_API_TLS_PASSWORD}). When the store holds several certificates, the JDK picks the one whose
 * names match the client's SNI host, so one listener can serve several tenant host names.
 */
public final class KeyStoreTls {

    private KeyStoreTls() {
    }

    /** @throws IllegalArgumentException naming the variable when the store is missing, unreadable or keyless */
    public static SSLContext fromPkcs12(Path keyStore, String password) {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
            boolean hasKey = false;
            for (String alias : Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new IllegalArgumentException("TAPLINE_API_TLS_KEYSTORE: " + keyStore + " holds no private key");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509".equals(
                    KeyManagerFactory.getDefaultAlgorithm()) ? "NewSunX509" : KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, secret);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new IllegalArgumentException("TAPLINE_API_TLS_KEYSTORE: cannot read " + keyStore
                    + " (missing, not PKCS#12, or wrong TAPLINE_API_TLS_PASSWORD)");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TAPLINE_API_TLS_KEYSTORE: " + keyStore + " is not usable: "
                    + e.getMessage());
        }
    }
}
