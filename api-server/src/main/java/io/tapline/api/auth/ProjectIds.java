package io.tapline.api.auth;

import java.util.regex.Pattern;

/**
 * What a project id in a credential (token claim, API key) may look like: the ids routes assign, such as
 * {@code proj_a1b2c3d4}. Anything else is refused up front rather than matched against stored records.
 */
public final class ProjectIds {

    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    /** At most this many projects per credential. */
    public static final int MAX_PER_CREDENTIAL = 1000;

    private ProjectIds() {
    }

    public static boolean isValid(Object id) {
        return id instanceof String s && PROJECT_ID.matcher(s).matches();
    }
}
