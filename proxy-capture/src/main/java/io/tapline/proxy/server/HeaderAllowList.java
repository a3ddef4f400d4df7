package io.tapline.proxy.server;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.tapline.redact.Redactor;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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

    /**
     * The allow-listed headers of {@code headers}, names in lower case, values through {@code redactor}; repeated
     * headers are joined with ", ".
     */
    Map<String, String> copy(HttpHeaders headers, Redactor redactor) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> h = it.next();
            String name = match(h.getKey());
            if (name != null) {
                out.merge(name, redactor.headerValue(name, h.getValue().toString()), (a, b) -> a + ", " + b);
            }
        }
        return out;
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
