package io.tapline.logstash;

import co.elastic.logstash.api.Context;
import co.elastic.logstash.api.DeadLetterQueueWriter;
import co.elastic.logstash.api.DeprecationLogger;
import co.elastic.logstash.api.EventFactory;
import co.elastic.logstash.api.NamespacedMetric;
import co.elastic.logstash.api.Plugin;
import org.apache.logging.log4j.Logger;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A {@link Context} whose logger records what it is asked to log at debug level (and says debug is on). */
public final class TestContext implements Context {
    private final List<String> debugLines = Collections.synchronizedList(new ArrayList<>());
    private final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
            new Class<?>[]{Logger.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "isDebugEnabled":
                        return true;
                    case "debug":
                        debugLines.add(Arrays.toString(args));
                        return null;
                    case "toString":
                        return "TestContext.logger";
                    default:
                        Class<?> r = method.getReturnType();
                        return r == boolean.class ? Boolean.FALSE : null;
                }
            });

    /** Each debug call's arguments, as text. */
    public List<String> debugLines() {
        return debugLines;
    }

    @Override
    public DeadLetterQueueWriter getDlqWriter() {
        return null;
    }

    @Override
    public NamespacedMetric getMetric(Plugin plugin) {
        return null;
    }

    @Override
    public Logger getLogger(Plugin plugin) {
        return logger;
    }

    @Override
    public DeprecationLogger getDeprecationLogger(Plugin plugin) {
        return (message, params) -> { };
    }

    @Override
    public EventFactory getEventFactory() {
        return null;
    }
}
