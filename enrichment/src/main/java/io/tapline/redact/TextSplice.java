package io.tapline.redact;

/**
 * Copy-on-first-edit builder: replaces ranges of a source text in increasing order and returns the source
 * itself when nothing was replaced, so that the common no-secret case allocates nothing.
 */
final class TextSplice {
    private final String source;
    private StringBuilder out;
    private int copiedUpTo;

    TextSplice(String source) {
        this.source = source;
    }

    /** Replaces {@code [start, end)} of the source; ranges must not overlap and must come in order. */
    void replace(int start, int end, String replacement) {
        if (out == null) {
            out = new StringBuilder(source.length() + 32);
        }
        out.append(source, copiedUpTo, start).append(replacement);
        copiedUpTo = end;
    }

    boolean edited() {
        return out != null;
    }

    String result() {
        if (out == null) {
            return source;
        }
        return out.append(source, copiedUpTo, source.length()).toString();
    }
}
