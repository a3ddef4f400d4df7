package io.tapline.cli.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A background client that sends the {@link DemoRequests} mix to the proxy at a steady rate, so that a newcomer sees
 * live data within seconds. It never throws from its thread, caps the requests in flight, and stops on close.
 */
public final class DemoTraffic implements AutoCloseable {
    /** Requests per second when none is given. */
    public static final double DEFAULT_RATE = 20;
    static final double MAX_RATE = 1000;
    static final int MAX_IN_FLIGHT = 32;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** Long enough for the slowest demo call to finish, so that nothing reaches the proxy after close. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(6);

    private final URI proxyBase;
    private final HttpClient client;
    private final DemoRequests requests = new DemoRequests(new SplittableRandom());
    private final ScheduledExecutorService scheduler;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean closed;

    private DemoTraffic(URI proxyBase) {
        this.proxyBase = proxyBase;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-traffic");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sending {@link #DEFAULT_RATE} requests per second to {@code proxyBase}. */
    public static DemoTraffic start(URI proxyBase) {
        return start(proxyBase, DEFAULT_RATE);
    }

    /**
     * Starts sending requests to {@code proxyBase} (e.g. {@code http://127.0.0.1:8080}).
     *
     * @throws IllegalArgumentException if the URL is not http(s) with a host, or the rate is not in (0, 1000]
     */
    public static DemoTraffic start(URI proxyBase, double requestsPerSecond) {
        if (proxyBase == null || proxyBase.getHost() == null || proxyBase.getScheme() == null
                || !proxyBase.getScheme().matches("(?i)https?")) {
            throw new IllegalArgumentException("the demo traffic needs an http://host:port base URL, got " + proxyBase);
        }
        if (!(requestsPerSecond > 0 && requestsPerSecond <= MAX_RATE)) {
            throw new IllegalArgumentException("requests per second must be above 0 and at most " + MAX_RATE
                    + ", got " + requestsPerSecond);
        }
        DemoTraffic traffic = new DemoTraffic(proxyBase);
        long periodNanos = Math.round(TimeUnit.SECONDS.toNanos(1) / requestsPerSecond);
        traffic.scheduler.scheduleAtFixedRate(traffic::tick, 0, periodNanos, TimeUnit.NANOSECONDS);
        return traffic;
    }

    /** Requests handed to the HTTP client so far. */
    public long sent() {
        return sent.get();
    }

    /** Sent requests that got no HTTP response (refused, reset, timed out); error statuses are not failures. */
    public long failed() {
        return failed.get();
    }

    /** Ticks that sent nothing because {@value #MAX_IN_FLIGHT} requests were already in flight. */
    public long skipped() {
        return skipped.get();
    }

    /** Stops sending and waits (a few seconds at most) for the requests in flight to finish. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
            if (inFlight.tryAcquire(MAX_IN_FLIGHT, DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                inFlight.release(MAX_IN_FLIGHT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One scheduled send; an exception here would silently cancel the schedule, so none escapes. */
    private void tick() {
        if (closed) {
            return;
        }
        if (!inFlight.tryAcquire()) {
            skipped.incrementAndGet();
            return;
        }
        sent.incrementAndGet();
        try {
            HttpRequest request = requests.next().toHttpRequest(proxyBase, REQUEST_TIMEOUT);
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                }
                inFlight.release();
            });
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            inFlight.release();
        }
    }
}
