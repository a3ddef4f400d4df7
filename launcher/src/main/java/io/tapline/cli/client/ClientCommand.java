package io.tapline.cli.client;

import io.tapline.sdk.TaplineApiException;
import io.tapline.sdk.TaplineClient;
import io.tapline.sdk.TaplineConnectionException;
import io.tapline.sdk.TaplineException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What every client subcommand shares: the connection options, {@code --help}, UTF-8 output, and the one place
 * that turns an SDK failure into the single line {@code tapline} prints (with a hint when there is an obvious
 * next step).
 */
abstract class ClientCommand implements Callable<Integer> {

    @Mixin
    ClientOptions connection = new ClientOptions();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** The environment the defaults come from; a field so that it is read once per run. */
    Map<String, String> env = System.getenv();

    @Override
    public final Integer call() throws Exception {
        ClientOptions.Resolved api = connection.resolve(env);
        // UTF-8 whatever the platform's default: entries carry URLs and messages in any script.
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        try {
            return run(api.client(), out, err);
        } catch (TaplineApiException e) {
            throw new ClientFailure(explain(e, api));
        } catch (TaplineConnectionException e) {
            throw new ClientFailure(e.getMessage() + (e.getMessage().startsWith("cannot reach")
                    ? " (is tapline serve running there? set --url or TAPLINE_URL)" : ""));
        } catch (TaplineException e) {
            throw new ClientFailure(e.getMessage());
        } finally {
            out.flush();
        }
    }

    /** Runs the command; output goes to {@code out}, notices and progress to {@code err}. */
    abstract int run(TaplineClient client, PrintStream out, PrintStream err) throws Exception;

    static String explain(TaplineApiException e, ClientOptions.Resolved api) {
        String line = e.getMessage();
        if (e.statusCode() == 401) {
            return line + " (credential: " + api.credential() + "; set TAPLINE_API_KEY or TAPLINE_TOKEN)";
        }
        String message = e.apiMessage() == null ? "" : e.apiMessage();
        if (e.statusCode() == 403 && message.contains("admin listener")) {
            return line + " (" + api.url() + " is the wrong listener for this credential: admin credentials go to "
                    + "the admin listener, :3001 by default, tenant ones to :3000; set --url)";
        }
        return line;
    }
}
