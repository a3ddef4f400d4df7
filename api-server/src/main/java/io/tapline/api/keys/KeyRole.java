package io.tapline.api.keys;

import java.util.Locale;

/** The scope an API key grants: every project ({@code admin}) or the key's own projects ({@code tenant}). */
public enum KeyRole {
    ADMIN,
    TENANT;

    /** The lower-case name used in requests, responses and the stored document. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code wire} exactly ({@code admin} or {@code tenant}), or null. */
    public static KeyRole fromWire(String wire) {
        for (KeyRole role : values()) {
            if (role.wireName().equals(wire)) {
                return role;
            }
        }
        return null;
    }
}
