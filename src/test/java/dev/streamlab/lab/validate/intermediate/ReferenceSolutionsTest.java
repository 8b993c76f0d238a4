package dev.streamlab.lab.validate.intermediate;

import dev.streamlab.lab.validate.PageActionHandler;
import dev.streamlab.lab.validate.Report;
import dev.streamlab.testing.LabProcess;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.Tools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.streamlab.lab.validate.intermediate.Bench.assertHint;
import static dev.streamlab.lab.validate.intermediate.Bench.assertPassed;
import static dev.streamlab.lab.validate.intermediate.Bench.check;
import static dev.streamlab.lab.validate.intermediate.Bench.evidenceMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference solutions in labs/intermediate/solution, run as a learner runs them (Debian's python3 with
 * kafka-python; java with the lab's classpath) on the real broker, pass every line of "Check my work" - including
 * after the page's "Inject a late event" produced a late event and the counter read it.
 */
class ReferenceSolutionsTest {
    private static final Path SOLUTION = Path.of("labs", "intermediate", "solution");

    private final String topic = Names.unique("timed-orders");
    private final String output = Names.unique("order-counts");

    @BeforeAll
    static void pythonWithKafkaIsInstalled() {
        Assumptions.assumeTrue(Tools.pythonHas("kafka"), Tools.PYTHON + " with kafka-python is not installed");
    }

    @Test
    void thePythonCounterPassesAndCountsAnInjectedLateEventInItsTrueWindow() {
        python("producer.py", topic, "--count", "5");
        python("window_counter.py", topic, output, "--idle-seconds", "2");

        Report before = check(topic, output);
        assertPassed(before, "event-time");
        assertPassed(before, "window-counts");
        assertHint(before, "late-event", "no-late-event");

        PageActionHandler.Outcome injected = Bench.injectLateEvent(topic);
        python("window_counter.py", topic, output, "--idle-seconds", "2");

        Report after = check(topic, output);
        assertTrue(after.passed(), after.toString());
        assertTrue(evidenceMentions(after, "late-event", "offset " + injected.details().get("offset")),
                "the injected event is the late one: " + after);
    }

    @Test
    void thePythonCounterPerKeyPassesWithTheProducersOwnLateEvents() {
        python("producer.py", topic, "--count", "14");
        python("window_counter.py", topic, output, "--per-key", "--idle-seconds", "2");

        Report report = check(topic, output);

        assertTrue(report.passed(), report.toString());
        assertTrue(evidenceMentions(report, "window-counts", "counted per key"), report.toString());
    }

    @Test
    void theJavaCounterPassesIncludingAfterAnInjectedLateEvent() {
        python("producer.py", topic, "--count", "14");
        Bench.injectLateEvent(topic);
        String printed = java("WindowCounter.java", topic, output, "--idle-seconds", "2");

        Report report = check(topic, output);

        assertTrue(report.passed(), report + "\n" + printed);
        assertTrue(evidenceMentions(report, "window-counts", "counted over all keys"), report.toString());
    }

    private String python(String program, String... args) {
        List<String> command = new ArrayList<>(List.of(Tools.PYTHON, SOLUTION.resolve(program).toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private String java(String program, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", LabProcess.classpath(), SOLUTION.resolve(program).toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(List<String> command) {
        Tools.Result result = withBootstrap(command);
        assertEquals(0, result.exitCode(), String.join(" ", command) + " printed:\n" + result.output());
        return result.output();
    }

    /** The programs read the broker's address from STREAMLAB_BOOTSTRAP, as the challenge page tells learners. */
    private static Tools.Result withBootstrap(List<String> command) {
        List<String> env = new ArrayList<>(List.of("/usr/bin/env", "STREAMLAB_BOOTSTRAP=" + Bench.BOOTSTRAP));
        env.addAll(command);
        return Tools.run(null, null, env.toArray(String[]::new));
    }
}
