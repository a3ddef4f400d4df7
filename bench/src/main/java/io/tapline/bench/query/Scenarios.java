package io.tapline.bench.query;

import java.util.List;

/**
 * The three searches the benchmark measures, each as an API query and as the search body the store sends for it
 * (the same filter, sort and size), so that the direct path does exactly Elasticsearch's part of the API's work.
 */
final class Scenarios {
    private static final String SORT = "\"sort\":[{\"@timestamp\":{\"order\":\"desc\"}},{\"tapline.id\":{\"order\":\"desc\"}}],"
            + "\"size\":200,\"from\":0,\"track_total_hits\":true";
    private static final String TEXT_FIELDS = "[\"url.original.text\",\"message\",\"http.request.body.content\","
            + "\"http.response.body.content\"]";

    private Scenarios() {
    }

    static List<Scenario> all(long endMs) {
        long dayAgo = endMs - 24 * 3_600_000L;
        String[] projects = QueryWorkload.PROJECTS;
        String[] words = QueryWorkload.WORDS;
        return List.of(
                new Scenario("newest 200 of one project", true,
                        i -> "projectId=" + projects[i % projects.length] + "&limit=200",
                        i -> "{\"query\":{\"bool\":{\"filter\":[{\"terms\":{\"tapline.project_id\":[\""
                                + projects[i % projects.length] + "\"]}}]}}," + SORT + "}"),
                new Scenario("level=error over 24 h", true,
                        i -> "level=error&fromTimestamp=" + dayAgo + "&toTimestamp=" + endMs + "&limit=200",
                        i -> "{\"query\":{\"bool\":{\"filter\":[{\"terms\":{\"log.level\":[\"error\"]}},"
                                + "{\"range\":{\"@timestamp\":{\"gte\":\"" + dayAgo + "\",\"lt\":\"" + endMs
                                + "\",\"format\":\"epoch_millis\"}}}]}}," + SORT + "}"),
                new Scenario("full-text query (one word)", true,
                        i -> "query=" + words[i % words.length] + "&limit=200",
                        i -> "{\"query\":{\"bool\":{\"filter\":[{\"multi_match\":{\"query\":\"" + words[i % words.length]
                                + "\",\"fields\":" + TEXT_FIELDS + ",\"type\":\"cross_fields\",\"operator\":\"and\"}}]}},"
                                + SORT + "}"));
    }
}
