package io.tapline.bench.query;

import java.util.function.IntFunction;

/**
 * One search, sent two ways: through the API over HTTP, and as the equivalent search body straight to
 * Elasticsearch's {@code _search}. Iteration {@code i} of both paths asks the same thing.
 *
 * @param name       how the report names it
 * @param filtered   true when the p99 target applies (a filtered page)
 * @param apiQuery   the API query string of iteration i
 * @param directBody the Elasticsearch search body of iteration i
 */
record Scenario(String name, boolean filtered, IntFunction<String> apiQuery, IntFunction<String> directBody) {
}
