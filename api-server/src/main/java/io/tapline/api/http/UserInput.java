package io.tapline.api.http;

/** Makes caller-supplied text safe to quote in an error message: bounded in length, without control characters. */
public final class UserInput {

    /** Longest stretch of caller input an error message ever repeats. */
    public static final int MAX_QUOTED_CHARS = 100;

    private UserInput() {
    }

    /** {@code value} cut to {@value #MAX_QUOTED_CHARS} characters (marked with "..."), control characters replaced. */
    public static String bounded(String value) {
        if (value == null) {
            return "";
        }
        String cut = value.length() > MAX_QUOTED_CHARS ? value.substring(0, MAX_QUOTED_CHARS) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
