package io.tapline.enrich;

import java.util.Arrays;

/**
 * Lower-case ASCII words of two or more chars, filed by their first two chars, for finding all of them in one
 * pass over a text instead of one scan of the text per word. At each position, a 2 KiB table of the second chars
 * possible after the first (small enough for the fastest cache) rules out nearly every position; the words
 * starting there are looked up only for a real start. The caller walks the text and decides what a match means.
 * ASCII letters of the text are folded to lower case.
 */
final class WordTable {
    private static final int[] NONE = new int[0];

    private final String[] words;
    /** For each first char, the second chars some word starts with: 128 bits in two longs. */
    private final long[] secondChars = new long[128 * 2];
    /**
     * {@link #secondChars} for the text's chars as they are, either case: a position whose two chars are not here
     * starts no word, which rules out nearly every position without folding a char.
     */
    private final long[] secondCharsAnyCase = new long[128 * 2];
    /** The indexes of the words starting with each pair of chars. */
    private final int[][] byFirstTwoChars = new int[128 * 128][];

    WordTable(String... words) {
        this.words = words.clone();
        for (int w = 0; w < words.length; w++) {
            String word = words[w];
            if (word.length() < 2 || !word.chars().allMatch(c -> c < 128 && lower((char) c) == c)) {
                throw new IllegalArgumentException("not a lower-case ASCII word of 2+ chars: " + word);
            }
            char first = word.charAt(0);
            char second = word.charAt(1);
            secondChars[first * 2 + (second >> 6)] |= 1L << second;
            for (char f : new char[]{first, upper(first)}) {
                for (char s : new char[]{second, upper(second)}) {
                    secondCharsAnyCase[f * 2 + (s >> 6)] |= 1L << s;
                }
            }
            int[] bucket = byFirstTwoChars[key(first, second)];
            bucket = Arrays.copyOf(bucket == null ? NONE : bucket, (bucket == null ? 0 : bucket.length) + 1);
            bucket[bucket.length - 1] = w;
            byFirstTwoChars[key(first, second)] = bucket;
        }
    }

    /** The indexes of the words starting with {@code first} and {@code second} (lower case), or null for none. */
    int[] startingWith(char first, char second) {
        if (first >= 128 || second >= 128 || (secondChars[first * 2 + (second >> 6)] & 1L << second) == 0) {
            return null;
        }
        return byFirstTwoChars[key(first, second)];
    }

    /**
     * Whether some word may start with {@code first} and {@code second} as they stand in the text (any case): false
     * rules the position out; true asks {@link #startingWith} with the chars folded.
     */
    boolean mayStartWith(char first, char second) {
        return first < 128 && second < 128 && (secondCharsAnyCase[first * 2 + (second >> 6)] & 1L << second) != 0;
    }

    /** Whether {@code text} at {@code at} holds word {@code w}, ASCII case folded; its first two chars match. */
    boolean matchesAt(String text, int at, int w) {
        String word = words[w];
        if (at + word.length() > text.length()) {
            return false;
        }
        for (int k = 2; k < word.length(); k++) {
            if (lower(text.charAt(at + k)) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    int length(int w) {
        return words[w].length();
    }

    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
    }

    private static int key(char first, char second) {
        return first << 7 | second;
    }
}
