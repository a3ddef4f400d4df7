package io.tapline.proxy.routing;

/**
 * A routes file that cannot be used, with a one-line message naming the file and the key path at fault, e.g.
 * {@code routes.yaml: routes[2].capture.maxBodyByte: unknown key (allowed: ...)}.
 */
public final class ConfigException extends RuntimeException {
    private final String source;
    private final String keyPath;

    /**
     * @param source  the file (or other source) name
     * @param keyPath the key path, e.g. {@code routes[0].upstreams[1]}; null or empty for the file as a whole
     * @param problem what is wrong, in a few words
     */
    public ConfigException(String source, String keyPath, String problem) {
        super(source + ": " + (keyPath == null || keyPath.isEmpty() ? "" : keyPath + ": ") + problem);
        this.source = source;
        this.keyPath = keyPath == null ? "" : keyPath;
    }

    public String source() {
        return source;
    }

    /** The key path at fault; empty when the problem is with the file as a whole. */
    public String keyPath() {
        return keyPath;
    }
}
