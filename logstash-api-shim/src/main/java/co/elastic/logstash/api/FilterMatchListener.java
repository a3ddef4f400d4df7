package co.elastic.logstash.api;

/** Told about each event a filter matched, so that Logstash applies the common decorations to it. */
public interface FilterMatchListener {
    void filterMatched(Event e);
}
