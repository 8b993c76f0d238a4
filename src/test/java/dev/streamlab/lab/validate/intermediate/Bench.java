package dev.streamlab.lab.validate.intermediate;

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
import dev.streamlab.lab.validate.PageActionHandler;
import dev.streamlab.lab.validate.Params;
import dev.streamlab.lab.validate.Report;
import dev.streamlab.lab.validate.Validator;
import dev.streamlab.testing.TestBroker;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Check my work" and the page's inject button for the intermediate challenge, run on the shared test broker exactly
 * as the lab wires them (the challenge's real content, the standard catalog, Kafka facts).
 */
final class Bench {
    static final String BOOTSTRAP = TestBroker.bootstrapServers();
    static final KafkaClients CLIENTS = new KafkaClients(BOOTSTRAP, Map.of());
    // Never started: these checks read topics and records, not the monitor's group history.
    static final ClusterMonitor MONITOR = new ClusterMonitor(CLIENTS,
            new MonitorSettings(Duration.ofMillis(333), Duration.ofMillis(1000), Duration.ofMinutes(10)), Clock.systemUTC());
    static final KafkaFacts KAFKA = new KafkaFacts(CLIENTS, MONITOR);
    static final BrokerFacts FACTS = new BrokerFacts(KAFKA, KAFKA, KAFKA, CLIENTS, Clock.systemUTC());
    static final Catalog CATALOG = Catalog.standard(FACTS);
    static final Challenge CHALLENGE = QuestLoader.load().challenges().stream()
            .filter(c -> c.id().equals("intermediate")).findFirst().orElseThrow();

    private Bench() {
    }

    static Report check(String topic, String output) {
        return new Validator(CATALOG, Clock.systemUTC()).validate(CHALLENGE, new Submission(topic, null, output));
    }

    static PageActionHandler.Outcome injectLateEvent(String topic) {
        var action = CHALLENGE.action("inject-late").orElseThrow();
        return CATALOG.action(action.action()).orElseThrow()
                .run(new Submission(topic, null, null), new Params(action.params()));
    }

    static CheckResult line(Report report, String requirement) {
        return report.results().stream().filter(r -> r.requirement().equals(requirement)).findFirst().orElseThrow();
    }

    static void assertPassed(Report report, String requirement) {
        CheckResult line = line(report, requirement);
        assertTrue(line.passed(), requirement + " should pass: " + line);
    }

    /** The line failed with the hint the content writes for {@code hintKey}. */
    static void assertHint(Report report, String requirement, String hintKey) {
        CheckResult line = line(report, requirement);
        assertFalse(line.passed(), requirement + " should fail with " + hintKey + ": " + line);
        String expected = CHALLENGE.requirement(requirement).orElseThrow().hints().get(hintKey);
        assertEquals(expected, line.hint(), "hint of " + requirement + "; evidence " + line.evidence());
    }

    static boolean evidenceMentions(Report report, String requirement, String text) {
        return line(report, requirement).evidence().stream().anyMatch(e -> e.contains(text));
    }
}
