package io.tapline.enrich;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorClassifierTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "upstream_connect_failure, refused", "upstream_timeout, timeout", "request_timeout, timeout",
            "upstream_reset, reset", "tls_handshake_failure, tls", "client_abort, client_abort", "no_route, no_route",
            "malformed_request, malformed", "header_too_large, malformed", "upstream_bad_response, malformed",
            "upstream_slow, null", "upstream_attempts, null", "'', null", "null, null", "UPSTREAM_TIMEOUT, null"
    })
    void namesTheFailureOfEachProxyAction(String action, String errorClass) {
        assertThat(ErrorClassifier.ofAction(action)).isEqualTo(errorClass);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "dial tcp 10.0.0.7:9001: connect: connection refused       | refused",
            "ECONNREFUSED 127.0.0.1:5432                               | refused",
            "upstream timed out after 30000 ms                         | timeout",
            "context deadline exceeded                                 | timeout",
            "read: connection reset by peer                            | reset",
            "write: broken pipe                                        | reset",
            "TLS handshake timed out                                   | tls",
            "SSL: CERTIFICATE_VERIFY_FAILED                            | tls",
            "x509: certificate signed by unknown authority             | tls",
            "client closed connection before response                  | client_abort",
            "no route matched host api.example.com                     | no_route",
            "malformed request line                                    | malformed",
            "Health check passed                                       | null",
            "settlement completed                                      | null",
            "no route to host                                          | null",
    })
    void infersTheFailureFromWellKnownWording(String message, String errorClass) {
        assertThat(ErrorClassifier.ofText(message)).isEqualTo(errorClass);
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "upstream_reset   | upstream timed out | reset",
            "upstream_slow    | upstream timed out | timeout",
            "null             | connection refused | refused",
            "custom           | null               | null",
    })
    void trustsAKnownActionBeforeTheWording(String action, String message, String errorClass) {
        assertThat(ErrorClassifier.ofEvent(action, message)).isEqualTo(errorClass);
    }
}
