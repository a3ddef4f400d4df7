package io.tapline.cli.client;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code tapline completion}: prints the shell completion script picocli generates from the command tree, for
 * bash and for zsh (through its bash compatibility).
 */
@Command(name = "completion",
        description = {"Print the shell completion script of tapline (bash; zsh with bashcompinit).",
                "Use: source <(java -jar tapline.jar completion)   or save it to /etc/bash_completion.d/tapline",
                "The script completes the command 'tapline'; define it, e.g. alias tapline='java -jar /path/tapline.jar'."})
public final class CompletionCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.commandLine();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        root.getOut().print(AutoComplete.bash(root.getCommandName(), root));
        root.getOut().flush();
        return 0;
    }
}
