package co.elastic.logstash.api;

/** Logs deprecation notices; {@code {}} placeholders as in log4j. */
public interface DeprecationLogger {
    void deprecated(String message, Object... params);
}
