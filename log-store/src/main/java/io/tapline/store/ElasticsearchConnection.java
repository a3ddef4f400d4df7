package io.tapline.store;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import javax.net.ssl.SSLContext;
import java.io.IOException;

/**
 * One connection pool to a cluster: the official Java client for typed calls and its low-level REST
 * client for the few raw calls (bulk bodies we serialize ourselves, feature probes). Close it once.
 */
public final class ElasticsearchConnection implements AutoCloseable {
    private final RestClient restClient;
    private final ElasticsearchClient client;

    private ElasticsearchConnection(RestClient restClient, ObjectMapper mapper) {
        this.restClient = restClient;
        this.client = new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper(mapper)));
    }

    /** Opens a pool to the cluster {@code config} names; no request is sent yet. */
    public static ElasticsearchConnection open(StoreConfig config, ObjectMapper mapper) {
        HttpHost[] hosts = config.urls().stream()
                .map(u -> new HttpHost(u.getHost(), u.getPort() > 0 ? u.getPort()
                        : (u.getScheme().equals("https") ? 443 : 80), u.getScheme()))
                .toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(hosts)
                .setCompressionEnabled(false)
                .setRequestConfigCallback(rc -> rc
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setSocketTimeout((int) config.requestTimeout().toMillis()));
        if (config.apiKey() != null) {
            builder.setDefaultHeaders(new Header[]{new BasicHeader("Authorization", "ApiKey " + config.apiKey())});
        }
        SSLContext ssl = config.caCert() == null ? null : PemTrust.of(config.caCert(), "TAPLINE_ES_CA_CERT");
        builder.setHttpClientConfigCallback(http -> {
            http.setMaxConnTotal(64).setMaxConnPerRoute(32);
            if (config.username() != null) {
                BasicCredentialsProvider creds = new BasicCredentialsProvider();
                creds.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(config.username(), config.password()));
                http.setDefaultCredentialsProvider(creds);
            } else {
                // Without credentials the auth cache only costs: the client deserializes a cached BasicScheme for
                // every request (an API key, if any, goes as a default header).
                http.disableAuthCaching();
            }
            if (ssl != null) {
                http.setSSLContext(ssl);
            }
            return http;
        });
        return new ElasticsearchConnection(builder.build(), mapper);
    }

    public ElasticsearchClient client() {
        return client;
    }

    public RestClient restClient() {
        return restClient;
    }

    @Override
    public void close() {
        try {
            restClient.close();
        } catch (IOException ignored) {
            // closing a pool that failed is not worth a stack trace
        }
    }
}
