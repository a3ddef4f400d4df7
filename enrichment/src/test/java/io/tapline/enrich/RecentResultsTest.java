package io.tapline.enrich;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentResultsTest {

    @Test
    void computesAnInputOnceWhileItStaysInItsSlot() {
        AtomicInteger calls = new AtomicInteger();
        RecentResults<String> recent = new RecentResults<>(16, 100, s -> {
            calls.incrementAndGet();
            return s.toUpperCase();
        });
        assertThat(recent.get("curl/8.0")).isEqualTo("CURL/8.0");
        assertThat(recent.get(new String("curl/8.0"))).isEqualTo("CURL/8.0");
        assertThat(calls).hasValue(1);
    }

    @Test
    void givesTheFunctionsAnswerForEveryInputWhateverCollides() {
        // Two slots for hundreds of inputs: every lookup either finds its own key or computes again.
        RecentResults<Integer> recent = new RecentResults<>(2, 100, String::length);
        Random random = new Random(7);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            keys.add("k".repeat(random.nextInt(40)) + i);
        }
        for (int round = 0; round < 3; round++) {
            for (String key : keys) {
                assertThat(recent.get(key)).isEqualTo(key.length());
            }
        }
    }

    @Test
    void computesLongInputsEveryTime() {
        AtomicInteger calls = new AtomicInteger();
        RecentResults<Integer> recent = new RecentResults<>(8, 4, s -> calls.incrementAndGet());
        recent.get("12345");
        recent.get("12345");
        assertThat(calls).hasValue(2);
        recent.get("1234");
        recent.get("1234");
        assertThat(calls).hasValue(3);
    }

    @Test
    void wantsAPowerOfTwoOfSlots() {
        assertThatThrownBy(() -> new RecentResults<>(12, 10, s -> s)).isInstanceOf(IllegalArgumentException.class);
    }
}
