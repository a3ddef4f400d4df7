package io.tapline.proxy.routing;

import io.tapline.schema.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    private static Route route(String name, String host, String prefix, String... upstreams) {
        List<URI> uris = new ArrayList<>();
        for (String u : upstreams.length == 0 ? new String[] {"http://up:80"} : upstreams) {
            uris.add(URI.create(u));
        }
        return new Route(name, host, prefix, uris, "proj", "cnt-" + name, name, Source.BACKEND,
                Route.Capture.defaults(), Route.Timeouts.defaults());
    }

    private final RouteTable table = new RouteTable(List.of(
            route("any-root", null, "/"),
            route("any-long", null, "/v1/users/admin"),
            route("api-users", "api.example.com", "/v1/users"),
            route("api-all", "api.example.com", null),
            route("api-v1", "api.example.com", "/v1"),
            route("static", "cdn.example.com", "/static/"),
            route("v6", "::1", "/"),
            route("first-tie", "tie.example.com", "/same"),
            route("second-tie", "tie.example.com", "/same")));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = "NONE", value = {
            // a route for the request's host beats a host-less route, even one with a longer prefix
            "api.example.com, /v1/users/admin, api-users",
            // among a host's routes the longest matching prefix wins, whatever the file order
            "api.example.com, /v1/users/7, api-users",
            "api.example.com, /v1/orders, api-v1",
            "api.example.com, /health, api-all",
            // prefixes match whole segments only
            "api.example.com, /v1/usersX, api-v1",
            "api.example.com, /v1/users, api-users",
            "api.example.com, /v1/users/, api-users",
            "api.example.com, /v1/users?page=2, api-users",
            "api.example.com, /v1x, api-all",
            // host-less routes serve other hosts
            "other.example.com, /v1/users/admin/x, any-long",
            "other.example.com, /v1/users, any-root",
            // a prefix ending in '/' matches what starts with it, not the bare directory
            "cdn.example.com, /static/app.js, static",
            "cdn.example.com, /static, any-root",
            // port, case and a trailing dot do not matter
            "API.Example.COM:8443, /v1/users, api-users",
            "api.example.com., /v1, api-v1",
            "'[::1]:8080', /x, v6",
            "'[0:0:0:0:0:0:0:1]', /x, v6",
            // equal prefixes: the first in the file wins
            "tie.example.com, /same/x, first-tie",
            "NONE, /v1/users/admin, any-long",
            "'', /, any-root",
    })
    void picksTheRouteByHostThenLongestPrefixThenFileOrder(String host, String path, String expected) {
        assertThat(table.match(host, path)).map(Route::name).contains(expected);
    }

    @Test
    void matchesNothingWhenNoRouteFits() {
        RouteTable hostOnly = new RouteTable(List.of(route("a", "a.example.com", "/api")));
        assertThat(hostOnly.match("b.example.com", "/api")).isEmpty();
        assertThat(hostOnly.match("a.example.com", "/other")).isEmpty();
        assertThat(hostOnly.match("a.example.com", null)).isEmpty();
    }

    @Test
    void treatsAMissingPathAsTheRoot() {
        assertThat(table.match("other", null)).map(Route::name).isEqualTo(Optional.of("any-root"));
        assertThat(table.match("other", "")).map(Route::name).isEqualTo(Optional.of("any-root"));
    }

    @Test
    void handsOutUpstreamsRoundRobin() {
        Route r = route("rr", null, null, "http://a:1", "http://b:1", "http://c:1");
        RouteTable rr = new RouteTable(List.of(r));
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            picks.add(rr.nextUpstream(r).getHost());
        }
        assertThat(picks).containsExactly("a", "b", "c", "a", "b", "c");
    }

    @Test
    void spreadsUpstreamsEvenlyAcrossThreads() throws Exception {
        Route r = route("rr", null, null, "http://a:1", "http://b:1", "http://c:1", "http://d:1");
        RouteTable rr = new RouteTable(List.of(r));
        Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        counts.computeIfAbsent(rr.nextUpstream(r).getHost(), h -> new AtomicInteger()).incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(counts).hasSize(4);
        assertThat(counts.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(10_000));
    }

    @Test
    void keepsRoundRobinForARouteFromAnOlderTable() {
        Route r = route("old", null, null, "http://a:1", "http://b:1");
        RouteTable newer = new RouteTable(List.of(route("new", null, null)));
        assertThat(List.of(newer.nextUpstream(r).getHost(), newer.nextUpstream(r).getHost())).containsExactly("a", "b");
    }

    @Test
    void listsTheContainerIdsOfItsRoutes() {
        Route noContainer = new Route("n", null, null, List.of(URI.create("http://a:1")), "p", null, "n",
                Source.EDGE, Route.Capture.defaults(), Route.Timeouts.defaults());
        RouteTable t = new RouteTable(List.of(route("a", null, "/a"), route("b", null, "/b"), noContainer));
        assertThat(t.containerIds()).containsExactlyInAnyOrder("cnt-a", "cnt-b");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NONE", value = {
            "Example.com:80, example.com", "'[::1]:443', ::1", "'[2001:DB8::1]', 2001:db8::1", "host., host",
            "'  ', NONE", "NONE, NONE", "2001:db8:0:0:0:0:0:1, 2001:db8::1"})
    void normalisesRequestHosts(String raw, String expected) {
        assertThat(RouteTable.requestHost(raw)).isEqualTo(expected);
    }
}
