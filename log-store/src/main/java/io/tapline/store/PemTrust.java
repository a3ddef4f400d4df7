package io.tapline.store;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * An SSL context that trusts the certificates of one PEM file (a private CA): for the HTTPS clients to
 * Elasticsearch and to Kibana.
 */
public final class PemTrust {
    private PemTrust() {
    }

    /**
     * @param variable the setting that named the file, for the error message
     * @throws IllegalArgumentException naming {@code variable} when the file is unreadable or holds no certificate
     */
    public static SSLContext of(Path pem, String variable) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException(variable + ": no certificate in " + pem);
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new IllegalArgumentException(variable + ": cannot read " + pem + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(variable + ": not a PEM certificate: " + pem);
        }
    }
}
