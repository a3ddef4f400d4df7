package io.tapline.proxy.server;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A time limit that a connection sets and clears once per request, without scheduling and cancelling a timer
 * each time (a cancel is a removal from the event loop's timer queue, and at proxy rates that adds up). One
 * timer is armed at a time; when it fires early because the limit was cleared and set again, it re-arms itself
 * for the time left, as Netty's {@code IdleStateHandler} does. Used on its event loop only.
 *
 * @param <T> what the limit is for (the exchange or head it guards), handed back when it passes
 */
final class DeadlineTimer<T> {
    private final EventExecutor executor;
    private final Consumer<T> onDue;
    private final Runnable fire = this::fire;
    private T owner;
    private long deadlineNanos;
    private ScheduledFuture<?> timer;
    private long timerAtNanos;

    DeadlineTimer(EventExecutor executor, Consumer<T> onDue) {
        this.executor = executor;
        this.onDue = onDue;
    }

    /** Starts the limit for {@code what}: {@code onDue} gets it after {@code millis} unless cleared first. */
    void set(T what, long millis) {
        owner = what;
        long now = System.nanoTime();
        deadlineNanos = now + TimeUnit.MILLISECONDS.toNanos(millis);
        if (timer != null && timerAtNanos - deadlineNanos > 0) {
            timer.cancel(false); // armed for later than this limit: rare (a route with a shorter limit)
            timer = null;
        }
        if (timer == null) {
            arm(deadlineNanos - now);
        }
    }

    /** The guarded thing is over; the armed timer, if any, finds nothing to do. */
    void clear() {
        owner = null;
    }

    /** The connection is gone: no timer stays behind holding on to it. */
    void stop() {
        owner = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void arm(long delayNanos) {
        timerAtNanos = System.nanoTime() + delayNanos;
        timer = executor.schedule(fire, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void fire() {
        timer = null;
        T what = owner;
        if (what == null) {
            return;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            arm(left);
            return;
        }
        owner = null;
        onDue.accept(what);
    }
}
