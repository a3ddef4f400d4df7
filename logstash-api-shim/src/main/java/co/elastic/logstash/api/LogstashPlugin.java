package co.elastic.logstash.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java plugin; {@link #name()} must equal the gem's {@code config_name} and match the class name
 * ignoring case and underscores.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LogstashPlugin {
    String name();
}
