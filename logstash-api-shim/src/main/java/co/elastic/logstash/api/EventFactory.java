package co.elastic.logstash.api;

import java.io.Serializable;
import java.util.Map;

/** Creates events, for plugins that emit new ones. */
public interface EventFactory {
    Event newEvent();

    Event newEvent(Map<? extends Serializable, Object> data);
}
