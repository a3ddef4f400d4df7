package io.tapline.cli.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.sdk.TaplineClient;
import io.tapline.sdk.logs.LogStats;
import io.tapline.sdk.logs.LogsParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code tapline stats}: the entry counts by level, project, container and service, as a summary. */
@Command(name = "stats", sortOptions = false,
        description = {"Summarise stored entries: the total, and counts by level, project, container and service.",
                "Example: tapline stats --since 24h"})
public final class StatsCommand extends ClientCommand {

    @Mixin
    FilterOptions filters = new FilterOptions();

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Projects, containers and services to list, largest first; the rest are counted as (other) "
                    + "(default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print the API's JSON instead of a summary.")
    boolean json;

    @Override
    int run(TaplineClient client, PrintStream out, PrintStream err) throws Exception {
        if (top < 1) {
            throw new ClientFailure("--top must be at least 1");
        }
        LogsParams params;
        try {
            params = filters.apply(LogsParams.builder()).build();
        } catch (IllegalArgumentException e) {
            throw new ClientFailure(e.getMessage());
        }
        LogStats stats = client.proxyLogs().logs().getStats(params, top);
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(stats));
            return 0;
        }
        out.println("total      " + number(stats.total()));
        section(out, "level", stats.byLevel(), stats.other().byLevel(), stats.total());
        section(out, "project", stats.byProject(), stats.other().byProject(), stats.total());
        section(out, "container", stats.byContainer(), stats.other().byContainer(), stats.total());
        section(out, "service", stats.byService(), stats.other().byService(), stats.total());
        return 0;
    }

    /** One dimension, largest first; {@code other} counts what the server did not list (beyond top, or unset). */
    private void section(PrintStream out, String name, Map<String, Long> counts, long other, long total) {
        out.println();
        List<Map.Entry<String, Long>> rows = new ArrayList<>(counts.entrySet());
        rows.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        out.println("by " + name);
        if (rows.isEmpty() && other == 0) {
            out.println("  (none)");
            return;
        }
        if (other > 0) {
            rows.add(Map.entry("(other)", other));
        }
        int keyWidth = 4;
        int numWidth = 1;
        for (Map.Entry<String, Long> r : rows) {
            keyWidth = Math.max(keyWidth, r.getKey().length());
            numWidth = Math.max(numWidth, number(r.getValue()).length());
        }
        for (Map.Entry<String, Long> r : rows) {
            double share = total == 0 ? 0 : 100.0 * r.getValue() / total;
            String bar = "#".repeat((int) Math.round(share / 5));
            out.printf(Locale.ROOT, "  %-" + keyWidth + "s  %" + numWidth + "s  %5.1f%%  %s%n", r.getKey(),
                    number(r.getValue()), share, bar);
        }
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
