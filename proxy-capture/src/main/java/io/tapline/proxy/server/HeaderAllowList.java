package io.tapline.proxy.server;

import io.netty.util.AsciiString;

import java.util.Locale;
import java.util.Set;

/**
 * The request headers copied into request records. Matches a header name case-insensitively against a handful
 * of names without lower-casing or copying it first: this runs for every header of every captured request.
 */
final class HeaderAllowList {
    private final String[] names;
    private final AsciiString[] ascii;

    HeaderAllowList(Set<String> names) {
        this.names = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().sorted().toArray(String[]::new);
        this.ascii = new AsciiString[this.names.length];
        for (int i = 0; i < this.names.length; i++) {
            ascii[i] = new AsciiString(this.names[i]);
        }
    }

    /** The allow-listed (lower-case) name that {@code name} is, in any case, or null. */
    String match(CharSequence name) {
        int length = name.length();
        for (int i = 0; i < ascii.length; i++) {
            if (ascii[i].length() == length && ascii[i].contentEqualsIgnoreCase(name)) {
                return names[i];
            }
        }
        return null;
    }
}
