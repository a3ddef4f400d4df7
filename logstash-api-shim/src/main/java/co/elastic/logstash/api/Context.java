package co.elastic.logstash.api;

import org.apache.logging.log4j.Logger;

/** What Logstash hands a plugin at construction: logging, metrics, the dead letter queue, an event factory. */
public interface Context {

    /** The dead letter queue writer for outputs, else {@code null}. */
    DeadLetterQueueWriter getDlqWriter();

    NamespacedMetric getMetric(Plugin plugin);

    Logger getLogger(Plugin plugin);

    /** Logstash 7.6+. */
    DeprecationLogger getDeprecationLogger(Plugin plugin);

    EventFactory getEventFactory();
}
