package io.tapline.proxy.server;

import io.tapline.schema.Kind;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** TLS termination from PEM files: the SNI host picks both the certificate and the route. */
class TlsSniIT {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void theSniHostSelectsTheCertificateAndTheRoute(@TempDir Path dir) throws Exception {
        pem(dir, "default", "default.local");
        pem(dir, "shop", "shop.example.com");
        try (TestUpstream up = new TestUpstream();
             RunningProxy proxy = new RunningProxy("""
                     tls:
                       cert: %1$s/default.crt
                       key: %1$s/default.key
                       sni:
                         - { host: shop.example.com, cert: %1$s/shop.crt, key: %1$s/shop.key }
                     routes:
                       - name: shop
                         match: { host: shop.example.com }
                         upstreams: [%2$s]
                         projectId: proj_shop
                       - name: other
                         upstreams: [%2$s]
                         projectId: proj_other
                     """.formatted(dir, up.uri()))) {
            Answer shop = get(proxy.port(), "shop.example.com", "/hello");
            assertThat(shop.certificateSubject).contains("CN=shop.example.com");
            assertThat(shop.text).startsWith("HTTP/1.1 200");
            assertThat(proxy.sink.awaitOne(Kind.REQUEST, null, WAIT).projectId()).isEqualTo("proj_shop");
            assertThat(up.lastHeaders).contains("x-forwarded-proto: https");

            Answer other = get(proxy.port(), "unknown.example.org", "/hello");
            assertThat(other.certificateSubject).contains("CN=default.local");
            List<LogRecord> requests = proxy.sink.await(r -> r.kind() == Kind.REQUEST, 2, WAIT);
            assertThat(requests).extracting(LogRecord::projectId).containsExactly("proj_shop", "proj_other");
        }
    }

    @Test
    void aFailedHandshakeIsAnEventAndTheListenerKeepsServing(@TempDir Path dir) throws Exception {
        pem(dir, "default", "default.local");
        try (TestUpstream up = new TestUpstream();
             RunningProxy proxy = new RunningProxy("""
                     tls: { cert: %1$s/default.crt, key: %1$s/default.key }
                     routes:
                       - { name: any, upstreams: [%2$s], projectId: proj_a }
                     """.formatted(dir, up.uri()))) {
            try (Socket plain = new Socket("127.0.0.1", proxy.port())) {
                plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                plain.setSoTimeout(5000);
                plain.getInputStream().readAllBytes();
            }
            assertThat(proxy.sink.awaitOne(Kind.EVENT, "tls_handshake_failure", WAIT).message()).contains("127.0.0.1");
            assertThat(get(proxy.port(), "default.local", "/ok").text).startsWith("HTTP/1.1 200");
        }
    }

    private record Answer(String certificateSubject, String text) {
    }

    private static Answer get(int port, String sni, String path) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[]{new TrustAll()}, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters params = s.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(sni)));
            s.setSSLParameters(params);
            s.setSoTimeout(5000);
            s.startHandshake();
            String subject = ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + sni + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            return new Answer(subject, new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    /** A self-signed certificate and PKCS#8 key made by the openssl command, as an operator would. */
    static void pem(Path dir, String name, String cn) throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=" + cn, "-keyout", dir.resolve(name + ".key").toString(),
                "-out", dir.resolve(name + ".crt").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
