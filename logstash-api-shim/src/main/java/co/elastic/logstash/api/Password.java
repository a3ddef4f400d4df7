package co.elastic.logstash.api;

import java.io.Serializable;

/** A password setting's value, which never prints itself. */
public class Password implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String password;

    public Password(String password) {
        this.password = password;
    }

    public String getPassword() {
        return password;
    }

    /** The same as {@link #getPassword()} (Ruby's {@code value}). */
    public String getValue() {
        return password;
    }

    @Override
    public String toString() {
        return "<password>";
    }
}
