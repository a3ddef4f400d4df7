package io.tapline.proxy.server;

import io.netty.channel.DefaultEventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineTimerTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final List<String> due = new CopyOnWriteArrayList<>();
    private final List<Long> dueAtMs = new CopyOnWriteArrayList<>();
    private final long start = System.nanoTime();
    private final DeadlineTimer<String> timer = new DeadlineTimer<>(loop, what -> {
        due.add(what);
        dueAtMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    });

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void reportsWhatItGuardsOnceItsTimeHasPassed() throws Exception {
        on(() -> timer.set("head-1", 100));
        Thread.sleep(400);
        assertThat(due).containsExactly("head-1");
        assertThat(dueAtMs.get(0)).isGreaterThanOrEqualTo(100);
    }

    @Test
    void aClearedLimitIsNeverReportedAndTheLastOneSetIsReportedAtItsOwnDeadline() throws Exception {
        // Many requests each set and clear the limit: the timer armed for the first one re-arms for the last.
        for (int i = 0; i < 20; i++) {
            String what = "exchange-" + i;
            on(() -> timer.set(what, 150));
            Thread.sleep(10);
            if (i < 19) {
                on(timer::clear);
            }
        }
        long lastSetMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) - 10;
        Thread.sleep(500);
        assertThat(due).containsExactly("exchange-19");
        assertThat(dueAtMs.get(0)).isGreaterThanOrEqualTo(lastSetMs + 150 - 15);
    }

    @Test
    void aShorterLimitSetAfterALongerOneIsNotLate() throws Exception {
        on(() -> timer.set("slow-route", 5_000));
        on(timer::clear);
        on(() -> timer.set("fast-route", 100));
        Thread.sleep(500);
        assertThat(due).containsExactly("fast-route");
    }

    @Test
    void stopLeavesNothingToReport() throws Exception {
        on(() -> timer.set("gone", 50));
        on(timer::stop);
        Thread.sleep(300);
        assertThat(due).isEmpty();
    }

    private void on(Runnable r) throws Exception {
        loop.submit(r).get(1, TimeUnit.SECONDS);
    }
}
