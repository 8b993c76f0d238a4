package dev.streamlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** The {@code streamlab} command: with no subcommand it serves the lab, exactly like {@code streamlab serve}. */
@Command(name = "streamlab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A stream-processing lab: a real Kafka broker, an event-time engine you can watch, "
                + "self-checking challenges.%nWith no command, runs 'serve'.",
        subcommands = {ServeCommand.class, SimulateCommand.class, ValidateCommand.class, WorkerCommand.class,
                ChaosCommand.class})
public final class StreamlabCommand implements Callable<Integer> {

    @Mixin
    ServeOptions options = new ServeOptions();

    @Spec
    CommandSpec spec;

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with the lab's error handling: a wrong flag is one line, not a usage wall. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new StreamlabCommand());
        cmd.setParameterExceptionHandler(new OneLineParameterErrors());
        return cmd;
    }

    @Override
    public Integer call() throws InterruptedException {
        return ServeCommand.serve(options, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
