package io.tapline.api.inventory;

import io.tapline.api.params.ParameterSpec;
import io.tapline.api.query.FilterParameters;

import java.util.ArrayList;
import java.util.List;

/**
 * Every parameter of {@code /_logs/containers} and {@code /_logs/services}: the logs query's
 * {@link FilterParameters}, so that the counts cover exactly the entries the same search returns, and
 * {@link #LIMIT}.
 */
public final class InventoryParameters {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static final ParameterSpec LIMIT = ParameterSpec.integer("limit", 1, MAX_LIMIT, (long) DEFAULT_LIMIT,
            "50", "How many to list (default: 100), those with the most entries first; the entries of the rest "
                    + "are counted in other.");

    /** What the API document says about both endpoints: order, bound and {@code other}. */
    public static final String DESCRIPTION = "Each container (or service) of the entries matching the same filters "
            + "(and the same tenant scope) as the logs query, with its entry count, the time of its newest entry and "
            + "the projects it was seen in (at most 10, only the caller's); most entries first, ties by name, at most "
            + "limit of them (default " + DEFAULT_LIMIT + "). total counts every matching entry and other those not "
            + "under a listed item (items beyond limit, and entries without the field): sum(count) + other == total.";

    /** Every parameter of both endpoints, in the order the API document lists them. */
    public static final List<ParameterSpec> ALL;

    static {
        List<ParameterSpec> all = new ArrayList<>(FilterParameters.ALL);
        all.add(LIMIT);
        ALL = List.copyOf(all);
    }

    private InventoryParameters() {
    }
}
