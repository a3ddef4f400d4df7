package io.tapline.schema;

import java.util.regex.Pattern;

/**
 * The path and query of a request target, as ECS's {@code url.path} and {@code url.query} want them.
 * Parsed by hand rather than with {@link java.net.URI} because captured targets are often not valid URIs.
 *
 * @param path  the path, or null when the target has none (e.g. {@code http://host?q})
 * @param query the query without its {@code ?}; null when there is no {@code ?}, empty when {@code ?} ends it (as ECS says)
 */
public record UrlParts(String path, String query) {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");

    /** Splits an origin-form ({@code /p?q}), absolute-form ({@code http://h/p?q}) or other request target. */
    public static UrlParts of(String url) {
        String target = url;
        int hash = target.indexOf('#');
        if (hash >= 0) {
            target = target.substring(0, hash);
        }
        // Most targets are origin-form ("/p?q"): skip the regex unless a scheme could be there at all.
        var scheme = hasSchemeSeparator(target) ? SCHEME.matcher(target) : null;
        if (scheme != null && scheme.find()) {
            int afterAuthority = scheme.end();
            while (afterAuthority < target.length() && "/?".indexOf(target.charAt(afterAuthority)) < 0) {
                afterAuthority++;
            }
            target = target.substring(afterAuthority);
        }
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        return new UrlParts(path.isEmpty() ? null : path, query);
    }

    private static boolean hasSchemeSeparator(String target) {
        return !target.isEmpty() && target.charAt(0) != '/' && target.contains("://");
    }
}
