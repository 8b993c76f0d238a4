package dev.streamlab.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A wrong worker command line is one line and exit code 2, before any Kafka client starts. */
class WorkerCommandTest {

    @Test
    void anUnknownModeIsOneLineNamingTheThreeModes() {
        String err = runExpectingUsageError("worker", "--mode", "sometimes", "--input", "a", "--output", "b", "--group", "g");
        assertTrue(err.contains("mode must be at-most-once, at-least-once or exactly-once, got sometimes"), err);
    }

    @Test
    void aMissingOutputTopicIsOneLine() {
        String err = runExpectingUsageError("worker", "--mode", "exactly-once", "--input", "a", "--group", "g");
        assertTrue(err.contains("--output"), err);
    }

    @Test
    void theSameTopicForInputAndOutputIsRefused() {
        String err = runExpectingUsageError("worker", "--mode", "at-least-once", "--input", "a", "--output", "a",
                "--group", "g");
        assertTrue(err.contains("input and output must be different topics"), err);
    }

    @Test
    void aMistypedBatchFlagGetsASuggestion() {
        String err = runExpectingUsageError("worker", "--mode", "at-least-once", "--input", "a", "--output", "b",
                "--group", "g", "--bacth", "5");
        assertTrue(err.contains("did you mean --batch?"), err);
    }

    private static String runExpectingUsageError(String... args) {
        CommandLine cmd = StreamlabCommand.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        cmd.setOut(new PrintWriter(new StringWriter()));
        int code = cmd.execute(args);
        assertEquals(2, code, err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        return err.toString();
    }
}
