package dev.streamlab.lab.validate.advanced;

import dev.streamlab.lab.validate.Report;
import dev.streamlab.testing.Cli;
import dev.streamlab.testing.LabProcess;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reference solutions of the advanced challenge do what the challenge asks: run under the real {@code chaos}
 * command (killed with SIGKILL and restarted), their output is exact, and "Check my work" passes every line.
 */
class AdvancedReferenceSolutionsTest {
    private static final String BOOTSTRAP = TestBroker.bootstrapServers();
    private static AdvancedLab lab;

    @BeforeAll
    static void startLab() {
        lab = new AdvancedLab(BOOTSTRAP);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @Test
    void thePythonAggregatorSurvivesChaosAndPassesEveryCheck() {
        assumeTrue(Tools.pythonHas("confluent_kafka"), "python3-confluent-kafka is not installed");
        String group = Names.unique("eos-aggregator");

        survivesChaosAndPasses(group, 2, 300, "3s", Tools.PYTHON, Path.of("labs/advanced/solution/aggregator.py").toString(),
                "--group", group);
    }

    @Test
    void theJavaAggregatorSurvivesChaosAndPassesEveryCheck() {
        String group = Names.unique("eos-aggregator");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        // A single-file Java program compiles itself at every start: chaos must wait longer before calling it quiet.
        survivesChaosAndPasses(group, 2, 200, "15s", java, "-cp", LabProcess.classpath(),
                Path.of("labs/advanced/solution/Aggregator.java").toString(), "--group", group);
    }

    private static void survivesChaosAndPasses(String group, int kills, int records, String quiet, String... command) {
        String input = Names.unique("eos-orders");
        String output = Names.unique("eos-totals");
        List<String> args = new ArrayList<>(List.of("chaos", "--bootstrap-servers", BOOTSTRAP, "--kills",
                String.valueOf(kills), "--records", String.valueOf(records), "--quiet", quiet, "--timeout", "120s",
                "--seed", "42", "--input", input, "--output", output, "--"));
        args.addAll(List.of(command));

        Cli.Run run = Cli.run(args.toArray(String[]::new));

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("result: EXACT"), run.out());
        Report report = lab.check(input, group, output);
        assertTrue(report.passed(), AdvancedLab.describe(report) + "\n" + run.out());
        assertTrue(AdvancedLab.line(report, "survives-crash").evidence().stream().anyMatch(e -> e.startsWith("crash seen")),
                AdvancedLab.describe(report));
    }
}
