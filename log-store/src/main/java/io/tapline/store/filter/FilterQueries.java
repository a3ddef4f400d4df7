package io.tapline.store.filter;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.json.JsonData;
import io.tapline.schema.Level;
import io.tapline.schema.RecordFields;

import java.util.Collection;
import java.util.List;

/**
 * Translates a {@link LogFilter} into one Elasticsearch query in filter context (no scoring: results are sorted
 * by time or id). Every user-supplied value goes into a query type that takes it as data, never as syntax:
 * {@code term}/{@code terms} for exact values and a {@code multi_match} for the full text, which analyzes the text
 * into words and has no operators to inject.
 */
public final class FilterQueries {

    public static final String TIMESTAMP = RecordFields.TS_MS.ecsPath();
    public static final String ID = RecordFields.ID.ecsPath();
    static final String PROJECT = RecordFields.PROJECT_ID.ecsPath();
    static final String CONTAINER = RecordFields.CONTAINER_ID.ecsPath();
    static final String SERVICE = RecordFields.SERVICE_NAME.ecsPath();
    static final String LEVEL = RecordFields.LEVEL.ecsPath();
    static final String KIND = RecordFields.KIND.ecsPath();
    static final String METHOD = RecordFields.METHOD.ecsPath();
    static final String SOURCE = RecordFields.SOURCE.ecsPath();

    /**
     * The analyzed fields the full text searches: the URL's text sub-field (the index template's
     * {@code url.original.text}), the message and both captured bodies. They share the standard analyzer, which
     * lets {@code cross_fields} treat them as one field: every word must occur, in any of them.
     */
    public static final List<String> TEXT_FIELDS = List.of(
            RecordFields.URL.ecsPath() + ".text",
            RecordFields.MESSAGE.ecsPath(),
            RecordFields.REQUEST_BODY.ecsPath(),
            RecordFields.RESPONSE_BODY.ecsPath());

    private FilterQueries() {
    }

    /** The query selecting exactly the records {@code filter} covers. */
    public static Query toQuery(LogFilter filter) {
        return toQuery(filter, List.of());
    }

    /** The query for {@code filter} with further clauses (e.g. an id range) that must hold as well. */
    public static Query toQuery(LogFilter filter, List<Query> extra) {
        if (filter.matchesNothing()) {
            return Query.of(q -> q.matchNone(m -> m));
        }
        BoolQuery.Builder bool = new BoolQuery.Builder();
        int clauses = 0;
        if (filter.projectIds() != null) {
            bool.filter(terms(PROJECT, filter.projectIds()));
            clauses++;
        }
        clauses += term(bool, CONTAINER, filter.containerId());
        clauses += term(bool, SERVICE, filter.serviceName());
        if (filter.levels() != null && filter.levels().size() < Level.values().length) {
            bool.filter(terms(LEVEL, filter.levels().stream().map(Level::wireName).toList()));
            clauses++;
        }
        clauses += term(bool, KIND, filter.kind() == null ? null : filter.kind().wireName());
        clauses += term(bool, METHOD, filter.method());
        clauses += term(bool, SOURCE, filter.source() == null ? null : filter.source().wireName());
        if (filter.text() != null) {
            bool.filter(Query.of(q -> q.multiMatch(m -> m.query(filter.text()).fields(TEXT_FIELDS)
                    .type(TextQueryType.CrossFields).operator(Operator.And))));
            clauses++;
        }
        if (filter.fromMs() != null || filter.toMs() != null) {
            bool.filter(Query.of(q -> q.range(r -> r.date(d -> {
                d.field(TIMESTAMP).format("epoch_millis");
                if (filter.fromMs() != null) {
                    d.gte(filter.fromMs().toString());
                }
                if (filter.toMs() != null) {
                    d.lt(filter.toMs().toString());
                }
                return d;
            }))));
            clauses++;
        }
        for (Query q : extra) {
            bool.filter(q);
            clauses++;
        }
        if (clauses == 0) {
            return Query.of(q -> q.matchAll(m -> m));
        }
        BoolQuery built = bool.build();
        return Query.of(q -> q.bool(built));
    }

    /** Only records whose id lies in {@code (afterId, beforeId)}; either bound may be null. */
    public static Query idRange(Long afterId, Long beforeId) {
        // Untyped, so the bounds travel as JSON longs: a double would round 64-bit ids.
        return Query.of(q -> q.range(r -> r.untyped(u -> {
            u.field(ID);
            if (afterId != null) {
                u.gt(JsonData.of(afterId));
            }
            if (beforeId != null) {
                u.lt(JsonData.of(beforeId));
            }
            return u;
        })));
    }

    private static int term(BoolQuery.Builder bool, String field, String value) {
        if (value == null) {
            return 0;
        }
        bool.filter(Query.of(q -> q.term(t -> t.field(field).value(value))));
        return 1;
    }

    private static Query terms(String field, Collection<String> values) {
        List<FieldValue> sorted = values.stream().sorted().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(sorted))));
    }
}
