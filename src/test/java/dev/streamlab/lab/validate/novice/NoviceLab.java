package dev.streamlab.lab.validate.novice;

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
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The novice challenge as "Check my work" runs it, on the shared test broker: the challenge from {@code labs/}, a
 * running cluster monitor (so replays are seen), and the standard catalog over real broker facts.
 */
final class NoviceLab implements AutoCloseable {
    /** Faster polls than the lab's, so tests wait less for the monitor to see a rewind. */
    private static final MonitorSettings FAST = new MonitorSettings(Duration.ofMillis(100), Duration.ofMillis(1500),
            Duration.ofMinutes(10));

    final String bootstrap = TestBroker.bootstrapServers();
    final Challenge challenge = QuestLoader.load(Path.of("labs")).challenges().stream()
            .filter(c -> c.id().equals("novice")).findFirst().orElseThrow();
    final KafkaFacts facts;
    private final ClusterMonitor monitor;
    private final Validator validator;

    NoviceLab() {
        KafkaClients clients = new KafkaClients(bootstrap, Map.of());
        monitor = new ClusterMonitor(clients, FAST, Clock.systemUTC());
        monitor.start();
        facts = new KafkaFacts(clients, monitor);
        validator = new Validator(Catalog.standard(new BrokerFacts(facts, facts, facts, clients, Clock.systemUTC())),
                Clock.systemUTC());
    }

    Report check(String topic, String group) {
        return validator.validate(challenge, new Submission(topic, group, null));
    }

    static CheckResult line(Report report, String requirement) {
        return report.results().stream().filter(r -> r.requirement().equals(requirement)).findFirst().orElseThrow();
    }

    /** The line passed. */
    static void assertPassed(Report report, String requirement) {
        CheckResult line = line(report, requirement);
        assertTrue(line.passed(), () -> requirement + " should pass: " + describe(report));
    }

    /** The line failed with the hint the challenge gives for {@code hintKey}. */
    void assertFailed(Report report, String requirement, String hintKey) {
        CheckResult line = line(report, requirement);
        String expected = challenge.requirement(requirement).orElseThrow().hints().get(hintKey);
        assertNotNull(expected, "the challenge has a hint \"" + hintKey + "\" for " + requirement);
        assertFalse(line.passed(), () -> requirement + " should fail: " + describe(report));
        // The hint's commands name the topic and group that were checked.
        assertEquals(report.submission().fill(expected), line.hint(),
                () -> requirement + " should fail with hint " + hintKey + ": " + describe(report));
    }

    static String describe(Report report) {
        return report.results().stream().map(r -> "\n  " + (r.passed() ? "PASS " : "FAIL ") + r.requirement() + " "
                + r.evidence() + (r.hint() == null ? "" : " -> " + r.hint())).collect(Collectors.joining());
    }

    /** What the lab's reset does: the group's committed offsets back to each partition's first offset. */
    void resetToEarliest(String topic, String group) {
        awaitOffsetsSeen(group);
        try (Admin admin = Kafka.admin(bootstrap)) {
            int partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().size();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                earliest.put(new TopicPartition(topic, p), OffsetSpec.earliest());
            }
            Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
            admin.listOffsets(earliest).all().get().forEach((tp, info) -> rewound.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, rewound).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not reset " + group, e);
        }
        awaitRewindSeen(topic, group);
    }

    /** The monitor polls; a replay is only visible once it has seen the offsets go back. */
    void awaitRewindSeen(String topic, String group) {
        await("the lab sees " + group + "'s offsets go back").atMost(Duration.ofSeconds(20))
                .until(() -> facts.rewinds(group).stream().anyMatch(r -> r.topic().equals(topic)));
    }

    /**
     * Waits until the lab has sampled the group's committed offsets as they are now. A learner is never this fast,
     * but a test resetting a group right after its consumer committed could beat the monitor's next poll, and then
     * the lab never saw the offsets the reset went back from.
     */
    void awaitOffsetsSeen(String group) {
        Map<String, Long> now = new HashMap<>();
        Kafka.committedOffsets(bootstrap, group).forEach((tp, o) -> now.put(tp.topic() + "-" + tp.partition(), o.offset()));
        await("the lab sees " + group + "'s offsets " + now).atMost(Duration.ofSeconds(20)).until(() -> {
            var history = facts.history(group);
            return !history.isEmpty() && history.get(history.size() - 1).committed().equals(now);
        });
    }

    /** Waits until the lab's history holds the group, so checks that compare with "when the lab first saw it" can. */
    void awaitGroupSeen(String group) {
        await("the lab sees group " + group).atMost(Duration.ofSeconds(20))
                .until(() -> !facts.history(group).isEmpty());
    }

    @Override
    public void close() {
        monitor.close();
    }
}
