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

    /**
     * Two user agents a char apart (a browser's next version) must not share a hash, or alternating between them
     * would compute both on every lookup. A change to one char changes one lane by a nonzero multiple of a power of
     * 31, which is odd, so it always changes the hash.
     */
    @Test
    void keysDifferingInOneCharNeverShareAHash() {
        String agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/126.0.0.0 Safari/537.36";
        int hash = RecentResults.hash(agent);
        for (int i = 0; i < agent.length(); i++) {
            for (char c : new char[]{'0', '7', 'a', 'Z', ' ', '\u00e9', '\uFFFF', (char) (agent.charAt(i) ^ 1)}) {
                if (c != agent.charAt(i)) {
                    String other = agent.substring(0, i) + c + agent.substring(i + 1);
                    assertThat(RecentResults.hash(other)).as(other).isNotEqualTo(hash);
                }
            }
        }
        assertThat(RecentResults.hash(agent + "x")).isNotEqualTo(hash);
        assertThat(RecentResults.hash(agent.substring(1))).isNotEqualTo(hash);
        assertThat(RecentResults.hash(new String(agent))).isEqualTo(hash);
        assertThat(RecentResults.hash("")).isEqualTo(RecentResults.hash(new String("")));
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
