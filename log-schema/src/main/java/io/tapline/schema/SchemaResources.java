package io.tapline.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The index template and ILM policy bodies shipped as resources next to this class, ready to PUT to
 * {@code _index_template/tapline-logs} and {@code _ilm/policy/tapline-logs}.
 */
public final class SchemaResources {
    /** The version in the template's {@code _meta.tapline_schema_version}; bump it with any mapping change. */
    public static final int SCHEMA_VERSION = 1;

    private static final Pattern RETENTION = Pattern.compile("[1-9][0-9]{0,5}[dhms]");
    private static final String RETENTION_PLACEHOLDER = "${retention}";

    private SchemaResources() {
    }

    /** The composable index template body (without {@code index.lifecycle.*}; the store adds it when ILM exists). */
    public static String indexTemplateJson() {
        return read("index-template.json");
    }

    /** The index template body, parsed. */
    public static Map<String, Object> indexTemplate() {
        return Json.readObject(indexTemplateJson());
    }

    /**
     * The ILM policy body that deletes an index {@code retention} after it was created, e.g. {@code 7d},
     * {@code 30d}, {@code 12h}. Throws {@link IllegalArgumentException} naming {@code retention} when malformed.
     */
    public static String ilmPolicyJson(String retention) {
        if (retention == null || !RETENTION.matcher(retention).matches()) {
            throw new IllegalArgumentException("retention must be a positive whole number followed by d, h, m or s"
                    + " (e.g. 7d, 30d, 12h), got '" + retention + "'");
        }
        // Safe to splice: the pattern above admits only digits and one unit letter.
        return read("ilm-policy.json").replace(RETENTION_PLACEHOLDER, retention);
    }

    private static String read(String name) {
        try (InputStream in = SchemaResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/tapline/schema/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource io/tapline/schema/" + name, e);
        }
    }
}
