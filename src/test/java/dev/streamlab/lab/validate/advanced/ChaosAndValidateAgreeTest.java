package dev.streamlab.lab.validate.advanced;

import dev.streamlab.kafka.guarantees.ChaosPrograms;
import dev.streamlab.lab.validate.CheckResult;
import dev.streamlab.lab.validate.Report;
import dev.streamlab.testing.Cli;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** chaos and "Check my work" of the advanced challenge judge the same topics alike, in the same words. */
class ChaosAndValidateAgreeTest {
    private static AdvancedLab lab;

    @TempDir
    Path dir;

    @BeforeAll
    static void startLab() {
        lab = new AdvancedLab(TestBroker.bootstrapServers());
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @BeforeEach
    void needsPythonsKafkaClient() {
        assumeTrue(Tools.pythonHas("confluent_kafka"), "Debian's python3-confluent-kafka is not installed (.ci/run installs it)");
    }

    @Test
    void anExactlyOnceProgramIsExactForChaosAndSurvivesTheCrashForValidate() {
        String input = Names.unique("agree-eos-in");
        String output = Names.unique("agree-eos-out");
        Path program = ChaosPrograms.write(dir, "eos.py", ChaosPrograms.exactlyOnce(2, true));

        Cli.Run run = chaos(input, output, program);
        Report report = lab.check(input, "eos-" + input, output);

        assertEquals(0, run.exitCode(), run.out() + run.err());
        CheckResult line = AdvancedLab.line(report, "survives-crash");
        assertTrue(line.passed(), AdvancedLab.describe(report));
        // The judge's lines, word for word, in both.
        line.evidence().stream().filter(e -> e.contains("exactly once") || e.contains("latest total"))
                .forEach(e -> assertTrue(run.out().contains("    " + e + "\n"), e + " not in:\n" + run.out()));
    }

    @Test
    void anAtLeastOnceProgramHasTheSameDuplicatesForChaosAndForValidate() {
        String input = Names.unique("agree-alo-in");
        String output = Names.unique("agree-alo-out");
        Path program = ChaosPrograms.write(dir, "alo.py", ChaosPrograms.atLeastOnce(2));

        Cli.Run run = chaos(input, output, program);
        Report report = lab.check(input, "alo-" + input, output);

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("result: NOT EXACT: duplicates"), run.out());
        CheckResult line = AdvancedLab.line(report, "survives-crash");
        assertFalse(line.passed(), AdvancedLab.describe(report));
        String duplicates = line.evidence().stream().filter(e -> e.contains("more than once")).findFirst().orElseThrow();
        assertTrue(run.out().contains("    " + duplicates + "\n"), duplicates + " not in:\n" + run.out());
    }

    private static Cli.Run chaos(String input, String output, Path program) {
        Cli.Run run = Cli.run("chaos", "--bootstrap-servers", TestBroker.bootstrapServers(), "--input", input,
                "--output", output, "--kills", "2", "--records", "300", "--quiet", "2s", "--seed", "21",
                "--kill-on", ChaosPrograms.SIGNAL, "--", Tools.PYTHON, program.toString());
        System.out.println(run.out() + run.err()); // in target/surefire-reports, to read a run
        return run;
    }
}
