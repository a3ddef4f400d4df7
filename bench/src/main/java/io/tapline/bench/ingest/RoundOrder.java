package io.tapline.bench.ingest;

import java.util.Random;

/**
 * Which path runs first in each timed round. Rounds come in pairs that run the paths in opposite orders, so each
 * path goes first equally often and a drift over the run (the node still warming up, a neighbour's build) falls
 * on both alike; which order each pair starts with is drawn from a seed, so no fixed pattern lines up with
 * anything periodic. The seed is printed, and the same seed gives the same orders.
 */
final class RoundOrder {
    private final boolean[] storeFirst;
    private final long seed;

    RoundOrder(int rounds, long seed) {
        this.seed = seed;
        this.storeFirst = new boolean[rounds];
        Random random = new Random(seed);
        for (int r = 0; r < rounds; r += 2) {
            storeFirst[r] = random.nextBoolean();
            if (r + 1 < rounds) {
                storeFirst[r + 1] = !storeFirst[r];
            }
        }
    }

    /** True when the store runs first in round {@code round} (1-based). */
    boolean storeFirst(int round) {
        return storeFirst[round - 1];
    }

    long seed() {
        return seed;
    }
}
