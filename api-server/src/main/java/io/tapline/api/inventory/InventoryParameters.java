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
