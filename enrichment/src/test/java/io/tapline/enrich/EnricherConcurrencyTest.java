package io.tapline.enrich;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One enricher serves every sink thread: it holds no mutable state, so threads cannot disturb each other. */
class EnricherConcurrencyTest {

    @Test
    void manyThreadsEnrichingCopiesGetIdenticalResults() throws Exception {
        Enricher shared = new Enricher(EnrichmentConfig.builder().slowThresholdMs(50).slowThresholdMs("billing", 5)
                .build());
        List<Map<String, Object>> inputs = SampleDocuments.realistic();
        List<String> expected = new ArrayList<>();
        for (Map<String, Object> input : inputs) {
            expected.add(SampleDocuments.toJson(shared.enrich(SampleDocuments.copy(input))));
        }
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<String> mismatches = new ArrayList<>();
                    for (int round = 0; round < 200; round++) {
                        int i = (round + offset) % inputs.size();
                        String json = SampleDocuments.toJson(shared.enrich(SampleDocuments.copy(inputs.get(i))));
                        if (!json.equals(expected.get(i))) {
                            mismatches.add(json);
                        }
                    }
                    return mismatches;
                }));
            }
            start.countDown();
            for (Future<List<String>> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
