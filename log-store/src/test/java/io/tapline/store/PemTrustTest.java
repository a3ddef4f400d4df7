package io.tapline.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PemTrustTest {
    @Test
    void trustsTheCertificateOfAPemFileMadeByKeytool(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("ca.p12");
        Path pem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=tapline-test-ca", "-validity", "2",
                "-keystore", store.toString(), "-storepass", "changeit", "-storetype", "PKCS12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", pem.toString());

        SSLContext context = PemTrust.of(pem, "TAPLINE_ES_CA_CERT");

        assertThat(context.getProtocol()).isEqualTo("TLS");
        assertThat(context.getSocketFactory()).isNotNull();
    }

    @Test
    void aFileWithoutACertificateIsAnErrorNamingTheSetting(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"),
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> PemTrust.of(empty, "TAPLINE_ES_CA_CERT"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("TAPLINE_ES_CA_CERT: ");
        assertThatThrownBy(() -> PemTrust.of(garbage, "TAPLINE_KIBANA_CA_CERT"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TAPLINE_KIBANA_CA_CERT: not a PEM certificate: " + garbage);
        assertThatThrownBy(() -> PemTrust.of(dir.resolve("missing.pem"), "TAPLINE_ES_CA_CERT"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TAPLINE_ES_CA_CERT: cannot read " + dir.resolve("missing.pem"));
    }

    private static void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}
