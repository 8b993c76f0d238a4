package dev.streamlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** The {@code streamlab} command: with no subcommand it serves the lab, like {@code streamlab serve}. */
@Command(name = "streamlab", mixinStandardHelpOptions = true,
        description = "A stream-processing lab: a real Kafka broker, an event-time engine you can watch, self-checking challenges.",
        subcommands = {SimulateCommand.class})
public final class StreamlabCommand implements Callable<Integer> {

    public static CommandLine commandLine() {
        return new CommandLine(new StreamlabCommand());
    }

    @Override
    public Integer call() {
        return 0;
    }
}
