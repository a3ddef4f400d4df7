package io.tapline.cli.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.sdk.TaplineClient;
import io.tapline.sdk.logs.LogEntry;
import io.tapline.sdk.logs.LogsPage;
import io.tapline.sdk.logs.LogsParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;

/** {@code tapline search}: one page of entries as a table, newest first (or the last N, oldest first). */
@Command(name = "search", sortOptions = false,
        description = {"Search stored entries and print them as a table, newest first.",
                "Example: tapline search --level warn,error --since 1h --limit 50"})
public final class SearchCommand extends ClientCommand {

    @Mixin
    FilterOptions filters = new FilterOptions();

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
            description = "Entries to show (1-1000, default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--offset", paramLabel = "N", description = "Entries to skip, newest first.")
    Integer offset;

    @Option(names = "--last", paramLabel = "N", description = "The newest N entries by id, oldest first (instead of --limit/--offset).")
    Integer last;

    @Option(names = "--json", description = "Print the API's JSON page instead of a table.")
    boolean json;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour levels and statuses: auto, always or never (default ${DEFAULT-VALUE}; NO_COLOR turns auto off).")
    String color;

    @Override
    int run(TaplineClient client, PrintStream out, PrintStream err) throws Exception {
        LogsParams.Builder params = filters.apply(LogsParams.builder());
        if (last != null) {
            params.last(last);
        } else {
            params.limit(limit).offset(offset);
        }
        LogsPage page;
        try {
            page = client.proxyLogs().logs().list(params.build());
        } catch (IllegalArgumentException e) {
            throw new ClientFailure(e.getMessage());
        }
        if (json) {
            out.println(new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL)
                    .writeValueAsString(page));
            return 0;
        }
        EntryFormat format = new EntryFormat(Terminal.colour(color, env));
        Table table = new Table(List.of("TIME", "LEVEL", "KIND", "STATUS", "MS", "SERVICE", "PROJECT", "REQUEST / EVENT"));
        for (LogEntry e : page.entries()) {
            table.add(List.of(
                    e.tsIso() == null ? "" : e.tsIso(),
                    format.paint(EntryFormat.levelColour(e.level()), EntryFormat.upper(e.level())),
                    nz(e.kind()),
                    e.status() == null ? "" : format.paint(EntryFormat.statusColour(e.status()), e.status().toString()),
                    e.data().durationMs() == null ? "" : e.data().durationMs().toString(),
                    nz(e.serviceName()),
                    nz(e.projectId()),
                    format.what(e, false)));
        }
        if (table.size() == 0) {
            err.println("tapline: no entries match (" + page.total() + " in total)");
            return 0;
        }
        table.print(out, Terminal.isTty(1) ? Terminal.width(env, 160) : 0);
        out.flush();
        int from = last != null ? 1 : page.offset() + 1;
        err.println("tapline: entries " + from + "-" + (from + page.entries().size() - 1) + " of " + page.total()
                + (last == null && page.offset() + page.entries().size() < page.total()
                ? "; next page: --offset " + (page.offset() + page.entries().size()) : ""));
        return 0;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
