package dev.streamlab.kafka.guarantees;

import dev.streamlab.testing.Cli.Run;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static dev.streamlab.testing.Cli.run;
import static dev.streamlab.testing.Matches.count;
import static dev.streamlab.testing.Matches.decimals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What chaos teaches about a crash: a correct exactly-once program written the way the quest teaches it is judged
 * exact however long its group makes it wait, the report says how long each restart waited for partitions and why,
 * a program that keeps crashing is stopped with its stderr, and running out of time is unfinished, never "lost".
 */
class ChaosCrashLessonsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsPythonsKafkaClient() {
        assumeTrue(Tools.pythonHas("confluent_kafka"),
                "Debian's python3-confluent-kafka is not installed (apt-get install python3-confluent-kafka; .ci/run does)");
    }

    @Test
    void aDefaultSessionProgramIsExactAfterThreeKillsAndTheReportNamesTheSessionWaitOfEachRestart() {
        String input = Names.unique("lesson-in");
        Path program = ChaosPrograms.write(dir, "eos.py", ChaosPrograms.exactlyOnce(3, false));

        Run run = chaos(input, program, "--kills", "3", "--records", "300");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("result: EXACT"), run.out());
        List<Double> waits = decimals(run.out(), "run \\d had no partitions for ([\\d.]+) s: the killed member stayed in group eos-"
                + Pattern.quote(input) + " until its session timed out \\(session.timeout.ms, 45000 by default\\)\\. "
                + "Static membership \\(group.instance.id\\) with a shorter session.timeout.ms gets the partitions back at once\\.");
        assertEquals(3, waits.size(), run.out());
        assertEquals(3, decimals(run.out(), "kill \\d -> first committed output of run \\d: ([\\d.]+) s").size(), run.out());
        // Quiet terminal: chaos's lines and the program's, not the Kafka clients' config dumps.
        assertFalse(run.out().contains("ConsumerConfig values") || run.err().contains("ConsumerConfig values"),
                run.out() + run.err());
        assertFalse(run.err().contains(" INFO "), run.err());
    }

    @Test
    void aStaticMemberGetsItsPartitionsBackAtOnceAfterEachKill() {
        String input = Names.unique("static-in");
        Path program = ChaosPrograms.write(dir, "eos_static.py", ChaosPrograms.exactlyOnce(3, true));

        Run run = chaos(input, program, "--kills", "3", "--records", "300");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("result: EXACT"), run.out());
        List<Double> waits = decimals(run.out(), "run \\d got its partitions back in ([\\d.]+) s: static member eos-"
                + Pattern.quote(input) + "-1 rejoined in the killed one's place");
        assertEquals(3, waits.size(), run.out());
        // Far below the 45 s a dynamic member waits: the broker hands the static member's partitions straight back.
        waits.forEach(w -> assertTrue(w < 10, run.out()));
    }

    @Test
    void aProgramThatCrashesAtStartIsStoppedAfterFiveQuickExitsWithItsExitCodeAndStderr() {
        Path program = ChaosPrograms.write(dir, "crash.py",
                "import sys\nprint('connecting to', 'nowhere')\nprint('KeyError: STREAMLAB_TOPIC', file=sys.stderr)\nsys.exit(3)\n");

        Run run = chaos(Names.unique("crash-in"), program, "--kills", "2", "--records", "50");

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().startsWith("streamlab: chaos: your program ended by itself 5 times in a row within 10 s "
                + "of starting (last exit code 3)"), run.err());
        assertTrue(run.err().contains("  | KeyError: STREAMLAB_TOPIC"), run.err());
        assertEquals(4, count(run.out(), "chaos: run \\d ended by itself \\(exit 3 after"), run.out());
    }

    @Test
    void outOfTimeBeforeTheInputWasConsumedIsUnfinishedWithWhatHeldItUpNotALoss() {
        String input = Names.unique("unfinished-in");
        Path program = ChaosPrograms.write(dir, "eos.py", ChaosPrograms.exactlyOnce(1, false));

        // One kill, then a restart that waits 45 s for the dead member's session: longer than the whole run may take.
        Run run = chaos(input, program, "--kills", "1", "--records", "200", "--timeout", "25s");

        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("result: UNFINISHED: consumed "), run.out());
        assertTrue(run.out().contains("out of time (--timeout 25 s): consumed "), run.out());
        assertTrue(run.out().contains("the killed member is still in group eos-" + input
                + " (its session has not timed out) and run 2 has no partitions"), run.out());
        assertFalse(run.out().contains("lost"), run.out());
    }

    private static Run chaos(String input, Path program, String... options) {
        List<String> args = new ArrayList<>(List.of("chaos", "--bootstrap-servers", TestBroker.bootstrapServers(),
                "--input", input, "--output", Names.unique("lesson-out"), "--quiet", "2s", "--seed", "13",
                "--kill-on", ChaosPrograms.SIGNAL));
        args.addAll(List.of(options));
        args.addAll(List.of("--", Tools.PYTHON, program.toString()));
        Run run = run(args.toArray(String[]::new));
        System.out.println(run.out() + run.err()); // in target/surefire-reports, to read a run
        return run;
    }
}
