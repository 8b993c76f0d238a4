package dev.streamlab.lab.validate.advanced;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.monitor.ClusterMonitor;
import dev.streamlab.kafka.monitor.MonitorSettings;
import dev.streamlab.lab.Challenge;
import dev.streamlab.lab.QuestLoader;
import dev.streamlab.lab.Submission;
import dev.streamlab.lab.validate.BrokerFacts;
import dev.streamlab.lab.validate.Catalog;
import dev.streamlab.lab.validate.CheckResult;
import dev.streamlab.lab.validate.KafkaFacts;
import dev.streamlab.lab.validate.Report;
import dev.streamlab.lab.validate.Validator;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The advanced challenge as "Check my work" runs it: its content from labs/, the standard catalog on a real broker. */
final class AdvancedLab implements AutoCloseable {
    final KafkaClients clients;
    private final ClusterMonitor monitor;
    final Challenge challenge;
    final Catalog catalog;
    private final Validator validator;

    AdvancedLab(String bootstrap) {
        clients = new KafkaClients(bootstrap, Map.of());
        monitor = new ClusterMonitor(clients, MonitorSettings.defaults(), Clock.systemUTC());
        monitor.start();
        KafkaFacts kafka = new KafkaFacts(clients, monitor);
        catalog = Catalog.standard(new BrokerFacts(kafka, kafka, kafka, clients, Clock.systemUTC()));
        challenge = QuestLoader.load(Path.of("labs")).challenges().stream()
                .filter(c -> c.id().equals("advanced")).findFirst().orElseThrow();
        validator = new Validator(catalog, Clock.systemUTC());
    }

    Report check(String input, String group, String output) {
        return validator.validate(challenge, new Submission(input, group, output));
    }

    static CheckResult line(Report report, String requirement) {
        return report.results().stream().filter(r -> r.requirement().equals(requirement)).findFirst().orElseThrow();
    }

    static void assertPassed(Report report, String requirement) {
        CheckResult line = line(report, requirement);
        assertTrue(line.passed(), requirement + " should pass:\n" + describe(report));
    }

    /** The line failed with the hint the content gives for {@code hintKey}, and its evidence mentions {@code seen}. */
    void assertFailed(Report report, String requirement, String hintKey, String seen) {
        CheckResult line = line(report, requirement);
        assertFalse(line.passed(), requirement + " should fail:\n" + describe(report));
        String hint = challenge.requirement(requirement).orElseThrow().hints().get(hintKey);
        assertEquals(hint, line.hint(), requirement + " should give the \"" + hintKey + "\" hint:\n" + describe(report));
        assertTrue(line.evidence().stream().anyMatch(e -> e.contains(seen)),
                requirement + " evidence should mention \"" + seen + "\":\n" + describe(report));
    }

    static String describe(Report report) {
        return report.results().stream().map(r -> (r.passed() ? "PASS " : "FAIL ") + r.requirement() + " "
                + r.evidence() + (r.hint() == null ? "" : " -> " + r.hint())).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        monitor.close();
    }
}
