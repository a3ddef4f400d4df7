package io.tapline.redact;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which header names, query/form parameter names and JSON field names carry secrets. Names are stored lower case
 * because every comparison is case-insensitive.
 *
 * <p>A plain final class rather than a record: this module compiles for Java 11, the JDK of Logstash 7.17.
 */
public final class RedactionRules {
    private final Set<String> headers;
    private final Set<String> queryParams;
    private final Set<String> jsonFields;

    /**
     * @param headers     secret header names
     * @param queryParams secret query-string and form parameter names
     * @param jsonFields  secret JSON object field names, matched at any depth
     */
    public RedactionRules(Set<String> headers, Set<String> queryParams, Set<String> jsonFields) {
        this.headers = lowerCase(headers);
        this.queryParams = lowerCase(queryParams);
        this.jsonFields = lowerCase(jsonFields);
    }

    public Set<String> headers() {
        return headers;
    }

    public Set<String> queryParams() {
        return queryParams;
    }

    public Set<String> jsonFields() {
        return jsonFields;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedactionRules && ((RedactionRules) o).headers.equals(headers)
                && ((RedactionRules) o).queryParams.equals(queryParams) && ((RedactionRules) o).jsonFields.equals(jsonFields);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(headers, queryParams, jsonFields);
    }

    @Override
    public String toString() {
        return "RedactionRules[headers=" + headers + ", queryParams=" + queryParams + ", jsonFields=" + jsonFields + "]";
    }

    /** The built-in lists: common credential headers, token-like parameters and JSON fields. */
    public static RedactionRules defaults() {
        return new RedactionRules(
                Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-auth-token"),
                Set.of("token", "access_token", "refresh_token", "id_token", "password", "passwd", "pwd", "api_key",
                        "apikey", "secret", "client_secret", "signature", "sig", "auth", "key"),
                Set.of("password", "passwd", "secret", "token", "access_token", "refresh_token", "id_token", "api_key",
                        "apikey", "client_secret", "authorization", "credit_card", "card_number", "cvv", "ssn"));
    }

    /** No names at all: nothing is redacted (the base for a routes file that replaces the defaults). */
    public static RedactionRules none() {
        return new RedactionRules(Set.of(), Set.of(), Set.of());
    }

    /** These rules plus the given names (the routes file's default, additive mode). */
    public RedactionRules withAdded(Collection<String> moreHeaders, Collection<String> moreQueryParams,
                                    Collection<String> moreJsonFields) {
        return new RedactionRules(union(headers, moreHeaders), union(queryParams, moreQueryParams),
                union(jsonFields, moreJsonFields));
    }

    private static Set<String> union(Set<String> base, Collection<String> more) {
        Set<String> all = new LinkedHashSet<>(base);
        all.addAll(more);
        return all;
    }

    private static Set<String> lowerCase(Collection<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) {
                throw new IllegalArgumentException("empty name in redaction rules");
            }
            out.add(n);
        }
        return Set.copyOf(out);
    }
}
