package dev.streamlab.testing;

import dev.streamlab.cli.StreamlabCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The {@code streamlab} command line run in-process, as a user types it, with what it printed and its exit code. */
public final class Cli {
    private Cli() {
    }

    /** What one command printed to stdout and stderr (line ends as {@code \n}) and how it exited. */
    public record Run(int exitCode, String out, String err) {
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = StreamlabCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString().replace(System.lineSeparator(), "\n"),
                err.toString().replace(System.lineSeparator(), "\n"));
    }

    /** A user's mistake costs one line, never a stack trace. */
    public static void assertOneLine(String err) {
        assertEquals(1, err.strip().lines().count(), "exactly one line, got:\n" + err);
        assertFalse(err.contains("\tat "), "no stack trace");
    }
}
