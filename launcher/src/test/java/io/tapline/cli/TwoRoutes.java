package io.tapline.cli;

/** The routes file of the reload tests: route a (container cnt_a), and route b (cnt_b) unless it was removed. */
final class TwoRoutes {
    private TwoRoutes() {
    }

    static String yaml(String upstream, boolean withB) {
        String a = """
                routes:
                  - name: a
                    match: { pathPrefix: /a }
                    upstreams: [%s]
                    projectId: proj_a
                    containerId: cnt_a
                """.formatted(upstream);
        String b = """
                  - name: b
                    match: { pathPrefix: /b }
                    upstreams: [%s]
                    projectId: proj_b
                    containerId: cnt_b
                    serviceName: b-svc
                """.formatted(upstream);
        return withB ? a + b : a;
    }
}
