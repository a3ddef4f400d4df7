package io.tapline.cli;

import io.tapline.cli.client.CompletionCommand;
import io.tapline.cli.client.ExportCommand;
import io.tapline.cli.client.SearchCommand;
import io.tapline.cli.client.StatsCommand;
import io.tapline.cli.client.TailCommand;
import io.tapline.cli.setup.SetupCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The {@code tapline} command: one runnable jar, one subcommand per role. */
@Command(name = "tapline", mixinStandardHelpOptions = true, versionProvider = Tapline.Version.class,
        description = "Traffic-log capture proxy, enrichment and query API for the ELK stack.",
        subcommands = {ServeCommand.class, ProxyCommand.class, ApiCommand.class, SetupCommand.class,
                SearchCommand.class, StatsCommand.class,
                ExportCommand.class, TailCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Tapline {

    public static void main(String[] args) {
        // Undertow and XNIO log through jboss-logging, which would pick java.util.logging on its own.
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new Tapline());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // Problems a user can fix are one line, never a stack trace.
            commandLine.getErr().println("tapline: " + oneLine(e));
            return 1;
        });
        cli.setParameterExceptionHandler((e, arguments) -> {
            // A mistyped option is one line too, with where to look, rather than the whole usage text.
            CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
            e.getCommandLine().getErr().println("tapline: " + oneLine(e) + " (see '" + spec.qualifiedName() + " --help')");
            return spec.exitCodeOnInvalidInput();
        });
        return cli.execute(args);
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** The version this jar was built as. */
    static String version() {
        try (InputStream in = Tapline.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"tapline " + version()};
        }
    }
}
