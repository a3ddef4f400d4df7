package io.tapline.enrich;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code name/version} product token of a user agent ({@code Chrome/126.0.0.0}), read where it stands in the
 * agent: its name and version are cut out only for the one product a classification is made of. The version is
 * null unless it starts with a digit.
 */
final class ProductToken {
    private static final int MAX_VERSION = 32;

    private final String ua;
    private final int start;
    private final int slash;
    private final int versionEnd;
    /** Lower-case text holding the lower-cased name at {@code [nameFrom, nameTo)}. */
    private final String lowerText;
    private final int nameFrom;
    private final int nameTo;
    /** The bot, cli or sdk class of {@link UserAgentClassifier} the name's own rules give it, else null. */
    final String nameClass;
    /** The browser slot its {@link KnownNames} give it; -1 for any other name. */
    final int browserSlot;

    /** The name is {@code ua[start, slash)}, the version {@code ua[slash + 1, versionEnd)} (none if -1). */
    ProductToken(String ua, String lowerUa, int start, int slash, int versionEnd, KnownNames known) {
        this.ua = ua;
        this.start = start;
        this.slash = slash;
        this.versionEnd = versionEnd;
        // Names are ASCII, so the lower-cased agent has them at the same place unless lower-casing changed
        // its length (U+0130 becomes two chars); then the name is lower-cased on its own.
        boolean aligned = lowerUa.length() == ua.length();
        this.lowerText = aligned ? lowerUa : ua.substring(start, slash).toLowerCase(Locale.ROOT);
        this.nameFrom = aligned ? start : 0;
        this.nameTo = aligned ? slash : lowerText.length();
        Object kind = known.get(lowerText, nameFrom, nameTo);
        this.browserSlot = kind instanceof Integer ? (Integer) kind : -1;
        // No browser token is a bot, cli or sdk by the rules either.
        this.nameClass = kind instanceof String ? (String) kind : kind == null ? classByRule() : null;
    }

    String name() {
        return ua.substring(start, slash);
    }

    boolean hasVersion() {
        return versionEnd >= 0;
    }

    String version() {
        return versionEnd < 0 ? null : trimDots(ua.substring(slash + 1, versionEnd));
    }

    /** Whether the lower-cased name is {@code word}. */
    boolean nameIs(String word) {
        return nameTo - nameFrom == word.length() && lowerText.startsWith(word, nameFrom);
    }

    boolean nameEndsWith(String word) {
        return nameTo - nameFrom >= word.length() && lowerText.startsWith(word, nameTo - word.length());
    }

    private boolean nameStartsWith(String word) {
        return nameTo - nameFrom >= word.length() && lowerText.startsWith(word, nameFrom);
    }

    private boolean nameContains(String word) {
        int at = lowerText.indexOf(word, nameFrom);
        return at >= 0 && at + word.length() <= nameTo;
    }

    private String classByRule() {
        boolean botWord = nameEndsWith("bot") || nameContains("bot-") || nameContains("spider")
                || nameContains("crawler");
        if (botWord && !nameStartsWith("cubot")) {
            return UserAgentClassifier.BOT;
        }
        if (nameEndsWith("-cli")) {
            return UserAgentClassifier.CLI;
        }
        return nameStartsWith("aws-sdk") || nameStartsWith("azsdk") ? UserAgentClassifier.SDK : null;
    }

    /** Every {@code name/version} token, in order; linear because names stop at the previous '/'. */
    static List<ProductToken> parse(String ua, String lower, KnownNames known) {
        List<ProductToken> out = new ArrayList<>();
        int n = ua.length();
        for (int slash = ua.indexOf('/'); slash >= 0 && out.size() < 32; slash = ua.indexOf('/', slash + 1)) {
            int start = slash;
            while (start > 0 && isNameChar(ua.charAt(start - 1))) {
                start--;
            }
            if (start == slash || !Character.isLetter(ua.charAt(start))) {
                continue;
            }
            int end = slash + 1;
            while (end < n && end - slash <= MAX_VERSION && isVersionChar(ua.charAt(end))) {
                end++;
            }
            boolean version = end > slash + 1 && end - slash <= MAX_VERSION && Character.isDigit(ua.charAt(slash + 1))
                    && ua.charAt(slash + 1) < 128;
            out.add(new ProductToken(ua, lower, start, slash, version ? end : -1, known));
        }
        return out;
    }

    /** Lower-case ASCII names and what each is, looked up by where a name stands in a text, without cutting it out. */
    static final class KnownNames {
        /** The names and their values, filed by the names' length. */
        private final String[][] names;
        private final Object[][] values;

        KnownNames(Map<String, Object> known) {
            int longest = known.keySet().stream().mapToInt(String::length).max().orElse(0);
            names = new String[longest + 1][0];
            values = new Object[longest + 1][0];
            known.forEach((name, value) -> {
                int length = name.length();
                names[length] = Arrays.copyOf(names[length], names[length].length + 1);
                values[length] = Arrays.copyOf(values[length], values[length].length + 1);
                names[length][names[length].length - 1] = name;
                values[length][values[length].length - 1] = value;
            });
        }

        /** The value of the name that {@code text[from, to)} is, or null. */
        Object get(String text, int from, int to) {
            int length = to - from;
            if (length >= names.length) {
                return null;
            }
            String[] candidates = names[length];
            for (int i = 0; i < candidates.length; i++) {
                if (text.startsWith(candidates[i], from)) {
                    return values[length][i];
                }
            }
            return null;
        }
    }

    private static String trimDots(String version) {
        int end = version.length();
        while (end > 0 && !Character.isLetterOrDigit(version.charAt(end - 1))) {
            end--;
        }
        return version.substring(0, end);
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.' || c == '+' || c == '!';
    }

    private static boolean isVersionChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                || c == '_' || c == '+';
    }
}
