package io.tapline.cli.client;

import io.tapline.sdk.TaplineClient;
import io.tapline.sdk.logs.ExportFormat;
import io.tapline.sdk.logs.LogsParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * {@code tapline export}: every matching entry as NDJSON or CSV, exactly as the API streams it (over a snapshot,
 * so nothing repeats or goes missing while it runs), with a progress bar on stderr. A file is written under a
 * temporary name and renamed only when complete.
 */
@Command(name = "export", sortOptions = false,
        description = {"Export every matching entry as NDJSON or CSV, newest first, to a file or stdout.",
                "Example: tapline export --format csv --since 7d --output last-week.csv"})
public final class ExportCommand extends ClientCommand {

    @Mixin
    FilterOptions filters = new FilterOptions();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "ndjson",
            description = "ndjson (one JSON entry per line) or csv (RFC 4180 with a header row); default ${DEFAULT-VALUE}.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Option(names = "--include-request-body", description = "Include captured request bodies.")
    boolean requestBodies;

    @Option(names = "--include-response-body", description = "Include captured response bodies.")
    boolean responseBodies;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar on stderr (default: when stderr is a terminal).")
    Boolean progress;

    @Override
    int run(TaplineClient client, PrintStream out, PrintStream err) throws Exception {
        ExportFormat fmt = switch (format.toLowerCase(Locale.ROOT)) {
            case "ndjson", "jsonl" -> ExportFormat.NDJSON;
            case "csv" -> ExportFormat.CSV;
            default -> throw new ClientFailure("--format must be ndjson or csv, got '" + format + "'");
        };
        LogsParams params;
        try {
            params = filters.apply(LogsParams.builder()).includeRequestBody(requestBodies ? true : null)
                    .includeResponseBody(responseBodies ? true : null).build();
        } catch (IllegalArgumentException e) {
            throw new ClientFailure(e.getMessage());
        }
        boolean showProgress = progress != null ? progress : Terminal.isTty(2);
        // The total for the bar: what an offset page of the same filters counts now (a one-entry page is cheap).
        long total = showProgress ? client.proxyLogs().logs()
                .list(filters.apply(LogsParams.builder()).limit(1).build()).total() : 0;
        Progress bar = showProgress ? new Progress(err, total, "entries") : null;

        if (output == null) {
            OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 256 * 1024);
            long rows = client.proxyLogs().logs().export(params, fmt, stdout, n -> tick(bar, n));
            stdout.flush();
            done(bar, rows);
            return 0;
        }
        Path target = output.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        long rows;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 256 * 1024)) {
            rows = client.proxyLogs().logs().export(params, fmt, file, n -> tick(bar, n));
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw new ClientFailure("cannot write " + partial + ": " + e.getMessage());
        } catch (RuntimeException e) {
            if (bar != null) {
                err.println();
            }
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        done(bar, rows);
        err.println("tapline: exported " + rows + " entries to " + output);
        return 0;
    }

    private static void tick(Progress bar, long n) {
        if (bar != null) {
            bar.update(n);
        }
    }

    private static void done(Progress bar, long rows) {
        if (bar != null) {
            bar.finish(rows);
        }
    }
}
