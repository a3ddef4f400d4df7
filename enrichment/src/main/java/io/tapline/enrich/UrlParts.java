package io.tapline.enrich;

import java.util.Locale;

/**
 * The ECS {@code url.*} parts of a request target ({@code /a/b?x=1}) or an absolute URL
 * ({@code https://h:8443/a.json?x}): path, query, scheme, domain, port and extension. Anything else (an
 * authority-form {@code host:443}, {@code *}, free text) is not understood and yields no parts.
 */
final class UrlParts {
    private static final int MAX_EXTENSION = 16;

    /** The path, or null when an absolute URL has none ({@code https://h}). */
    final String path;
    /** The query without its {@code ?}; {@code ""} when the {@code ?} ends the URL; null when there is none. */
    final String query;
    final String scheme;
    final String domain;
    final Integer port;
    final String extension;

    private UrlParts(String path, String query, String scheme, String domain, Integer port) {
        this.path = path;
        this.query = query;
        this.scheme = scheme;
        this.domain = domain;
        this.port = port;
        this.extension = extension(path);
    }

    /** The parts of {@code raw}, or null when it is neither a request target nor an absolute URL. */
    static UrlParts parse(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim();
        if (s.isEmpty()) {
            return null;
        }
        int hash = s.indexOf('#');
        int end = hash < 0 ? s.length() : hash;
        if (s.charAt(0) == '/') {
            return pathAndQuery(s, 0, end, null, null, null);
        }
        int sep = s.indexOf("://");
        if (sep <= 0 || !isScheme(s, sep)) {
            return null;
        }
        int authorityStart = sep + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < end && s.charAt(authorityEnd) != '/' && s.charAt(authorityEnd) != '?') {
            authorityEnd++;
        }
        // Userinfo (already redacted) is no part of the domain.
        int at = s.lastIndexOf('@', authorityEnd - 1);
        int hostStart = at >= authorityStart ? at + 1 : authorityStart;
        String host;
        String portText = null;
        if (hostStart < authorityEnd && s.charAt(hostStart) == '[') {
            int close = s.indexOf(']', hostStart);
            if (close < 0 || close >= authorityEnd) {
                host = null;
            } else {
                host = s.substring(hostStart, close + 1); // ECS keeps the brackets of an IPv6 literal
                if (close + 1 < authorityEnd && s.charAt(close + 1) == ':') {
                    portText = s.substring(close + 2, authorityEnd);
                }
            }
        } else {
            int colon = s.lastIndexOf(':', authorityEnd - 1);
            if (colon >= hostStart) {
                host = s.substring(hostStart, colon);
                portText = s.substring(colon + 1, authorityEnd);
            } else {
                host = s.substring(hostStart, authorityEnd);
            }
        }
        String scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
        return pathAndQuery(s, authorityEnd, end, scheme, domain(host), port(portText));
    }

    private static UrlParts pathAndQuery(String s, int from, int end, String scheme, String domain, Integer port) {
        int question = s.indexOf('?', from);
        if (question >= end) {
            question = -1;
        }
        int pathEnd = question < 0 ? end : question;
        String path = pathEnd > from ? s.substring(from, pathEnd) : null;
        String query = question < 0 ? null : s.substring(question + 1, end);
        return new UrlParts(path, query, scheme, domain, port);
    }

    private static boolean isScheme(String s, int end) {
        if (end > 32 || !isAsciiLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < end; i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static String domain(String host) {
        if (host == null || host.isEmpty() || host.length() > 1024) {
            return null;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '\\' || c == '@') {
                return null;
            }
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private static Integer port(String text) {
        if (text == null || text.isEmpty() || text.length() > 5) {
            return null;
        }
        int port = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            port = port * 10 + (c - '0');
        }
        return port >= 1 && port <= 65535 ? port : null;
    }

    /** Lower-case extension of the last segment ({@code json} of {@code /a/b.JSON}); none for dotfiles. */
    static String extension(String path) {
        if (path == null) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        int length = path.length() - dot - 1;
        if (dot <= slash + 1 || length < 1 || length > MAX_EXTENSION) {
            return null;
        }
        for (int i = dot + 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9')) {
                return null;
            }
        }
        return path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
