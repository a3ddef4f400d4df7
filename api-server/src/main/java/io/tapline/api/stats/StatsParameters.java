package io.tapline.api.stats;

import io.tapline.api.params.ParameterSpec;
import io.tapline.api.query.FilterParameters;

import java.util.ArrayList;
import java.util.List;

/**
 * Every parameter of {@code GET /api/proxy-logs/_logs/stats}: the logs query's {@link FilterParameters}, so that
 * the counts cover exactly the entries the same search returns, and {@link #TOP}.
 */
public final class StatsParameters {

    public static final int DEFAULT_TOP = 100;
    public static final int MAX_TOP = 1000;

    public static final ParameterSpec TOP = ParameterSpec.integer("top", 1, MAX_TOP, (long) DEFAULT_TOP, "10",
            "How many projects, containers and services to list each (default: 100), the most frequent first; "
                    + "the entries of the rest are counted in other. Levels are always listed in full.");

    /** What the API document says about the endpoint: the bound and the shape of {@code other}. */
    public static final String DESCRIPTION = "Seed 004's counts by level, project, container and service, over the "
            + "same filters (and the same tenant scope) as the logs query. Each by* is a map of value to count, most "
            + "entries first (ties by value). byProject, byContainer and byService list at most top values each "
            + "(default " + DEFAULT_TOP + ", at most " + MAX_TOP + "); byLevel is never cut. other holds one count per "
            + "map: the entries not listed under any of its keys (values beyond top, and entries without the field), "
            + "so that sum(byX) + other.byX == total for every map.";

    /** Every parameter of the endpoint, in the order the API document lists them. */
    public static final List<ParameterSpec> ALL;

    static {
        List<ParameterSpec> all = new ArrayList<>(FilterParameters.ALL);
        all.add(TOP);
        ALL = List.copyOf(all);
    }

    private StatsParameters() {
    }
}
