package io.tapline.redact;

import java.util.Arrays;
import java.util.Set;

/**
 * Lower-case secret names, looked up by the region of text that may hold one. A region of plain ASCII (nothing to
 * decode) is compared where it stands, case folded, so the common case cuts out and lower-cases nothing; the
 * answer is always the one {@code names.contains(region.toLowerCase(Locale.ROOT))} gives, since for ASCII text
 * that lower-casing is exactly the folding of A-Z.
 */
final class SecretNames {
    private static final String[] NONE = new String[0];

    private final Set<String> names;
    /** The names by their length; only names all ASCII are filed here. */
    private final String[][] byLength;

    SecretNames(Set<String> names) {
        this.names = names;
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        this.byLength = new String[longest + 1][];
        Arrays.fill(byLength, NONE);
        for (String name : names) {
            if (name.chars().allMatch(c -> c < 0x80)) {
                String[] same = Arrays.copyOf(byLength[name.length()], byLength[name.length()].length + 1);
                same[same.length - 1] = name;
                byLength[name.length()] = same;
            }
        }
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /** Whether {@code lowerCaseName}, already decoded and lower-cased, is a secret name. */
    boolean contains(String lowerCaseName) {
        return names.contains(lowerCaseName);
    }

    /**
     * Whether {@code s[from, to)}, all ASCII, is a secret name in any case. Only ASCII names can equal an ASCII
     * region once lower-cased, so the names filed by length are all there is to compare.
     */
    boolean containsAscii(String s, int from, int to) {
        int length = to - from;
        if (length >= byLength.length) {
            return false;
        }
        for (String name : byLength[length]) {
            if (foldedEquals(s, from, name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a region of text is ASCII and holds neither of the two chars that start an escape in its syntax
     * ({@code %} and {@code +} in a query; the backslash, given twice, in JSON), so that it needs no decoding.
     */
    static boolean isPlainAscii(String s, int from, int to, char escape1, char escape2) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == escape1 || c == escape2) {
                return false;
            }
        }
        return true;
    }

    private static boolean foldedEquals(String s, int from, String lowerCaseName) {
        for (int k = 0; k < lowerCaseName.length(); k++) {
            char c = s.charAt(from + k);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerCaseName.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
