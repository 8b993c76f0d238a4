package dev.streamlab.cli;

import dev.streamlab.testing.Cli;
import dev.streamlab.testing.Cli.Run;
import org.junit.jupiter.api.Test;


import static dev.streamlab.testing.Cli.assertOneLine;
import static dev.streamlab.testing.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A wrong chaos command line costs one line and exit code 2, before any topic is touched or program started. */
class ChaosCommandTest {

    @Test
    void withoutAProgramChaosSaysToPutOneAfterTheDoubleDash() {
        Run run = run("chaos", "--input", "in", "--output", "out");

        assertEquals(2, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().startsWith("streamlab: missing the program to check: put it after --"), run.err());
        assertTrue(run.err().contains("run 'streamlab chaos --help'"), run.err());
    }

    @Test
    void aProgramWithoutTheDoubleDashIsRefusedWithTheFixedCommandLine() {
        Run run = run("chaos", "--input", "in", "--output", "out", "python3", "worker.py");

        assertEquals(2, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().contains("put the program to check after --, e.g. -- python3 worker.py"), run.err());
    }

    @Test
    void anUnknownFlagIsOneLineThatSuggestsTheRightOne() {
        Run run = run("chaos", "--kils", "3", "--input", "in", "--output", "out", "--", "python3", "worker.py");

        assertEquals(2, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().contains("unknown option --kils; did you mean --kills?"), run.err());
    }

    @Test
    void aTimeoutThatIsNotADurationNamesTheFlagAndTheFormat() {
        Run run = run("chaos", "--timeout", "soon", "--input", "in", "--output", "out", "--", "python3", "worker.py");

        assertEquals(2, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().contains("--timeout"), run.err());
        assertTrue(run.err().contains("90s, 2m or 500ms"), run.err());
    }

    @Test
    void theSameTopicForInputAndOutputIsRefused() {
        Run run = run("chaos", "--input", "t", "--output", "t", "--", "python3", "worker.py");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--input and --output must be different topics"), run.err());
    }

    @Test
    void optionsAfterTheDoubleDashBelongToTheProgramNotToChaos() {
        // --kils after -- is the program's; without --input chaos stops on that, not on an unknown option.
        Run run = run("chaos", "--output", "out", "--", "python3", "worker.py", "--kils");

        assertEquals(2, run.exitCode());
        assertFalse(run.err().contains("unknown option"), run.err());
        assertTrue(run.err().contains("--input"), run.err());
    }

    @Test
    void helpListsTheFlagsAndTheExitCodes() {
        Run run = run("chaos", "--help");

        assertEquals(0, run.exitCode());
        for (String option : new String[] {"--kills", "--records", "--input", "--output", "--bootstrap-servers",
                "--upsert", "--seed", "--timeout"}) {
            assertTrue(run.out().contains(option), option);
        }
        assertTrue(run.out().contains("1   the output is not exact"), run.out());
    }

}
