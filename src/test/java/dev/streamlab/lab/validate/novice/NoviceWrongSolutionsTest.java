package dev.streamlab.lab.validate.novice;

import dev.streamlab.lab.QuestLoader;
import dev.streamlab.lab.validate.BrokerFacts;
import dev.streamlab.lab.validate.Catalog;
import dev.streamlab.lab.validate.Report;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.streamlab.lab.validate.novice.NoviceLab.assertPassed;
import static dev.streamlab.lab.validate.novice.NoviceLab.line;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The novice challenge's typical mistakes, each made on the real broker with everything else done right: each fails
 * its own line with the hint that says what to change, and the other lines still pass.
 */
class NoviceWrongSolutionsTest {
    private static final int ORDERS = 12;
    private static NoviceLab lab;
    private final String topic = Names.unique("orders");
    private final String group = Names.unique("billing");

    @BeforeAll
    static void startLab() {
        lab = new NoviceLab();
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @Test
    void aProducerWithoutKeysIsToldThatRelatedEventsCanLandAnywhere() {
        Kafka.createTopic(lab.bootstrap, topic, 3);
        List<ProducerRecord<String, String>> keyless = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            keyless.add(new ProducerRecord<>(topic, order(i)));
        }
        Kafka.produce(lab.bootstrap, topic, keyless);
        consumeAndReplay();

        Report report = lab.check(topic, group);

        lab.assertFailed(report, "keys", KeysInOnePartitionCheck.NULL_KEYS);
        assertTrue(line(report, "keys").evidence().get(0).startsWith("12 of 12 records in " + topic + " have no key"),
                NoviceLab.describe(report));
        assertOnlyFailing(report, "keys");
    }

    @Test
    void aSinglePartitionTopicIsToldToCreateOneWithMore() {
        Kafka.createTopic(lab.bootstrap, topic, 1);
        produceKeyed();
        consumeAndReplay();

        Report report = lab.check(topic, group);

        lab.assertFailed(report, "partitions", TopicPartitionsCheck.TOO_FEW);
        assertEquals(List.of(topic + " has 1 partition, fewer than 2"), line(report, "partitions").evidence());
        assertOnlyFailing(report, "partitions");
    }

    @Test
    void choosingPartitionsByHandSplitsAKeyAndIsToldToLetTheKeyDecide() {
        Kafka.createTopic(lab.bootstrap, topic, 3);
        List<ProducerRecord<String, String>> roundRobin = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            roundRobin.add(new ProducerRecord<>(topic, i % 3, "cust-" + i % 2, order(i)));
        }
        Kafka.produce(lab.bootstrap, topic, roundRobin);
        consumeAndReplay();

        Report report = lab.check(topic, group);

        lab.assertFailed(report, "keys", KeysInOnePartitionCheck.KEY_SPLIT);
        assertEquals(List.of("key cust-0 is in partitions 0, 1 and 2", "key cust-1 is in partitions 0, 1 and 2"),
                line(report, "keys").evidence());
        assertOnlyFailing(report, "keys");
    }

    @Test
    void oneKeyForEverythingIsToldToUseSeveral() {
        Kafka.createTopic(lab.bootstrap, topic, 3);
        List<ProducerRecord<String, String>> oneKey = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            oneKey.add(new ProducerRecord<>(topic, "cust-7", order(i)));
        }
        Kafka.produce(lab.bootstrap, topic, oneKey);
        consumeAndReplay();

        Report report = lab.check(topic, group);

        lab.assertFailed(report, "keys", KeysInOnePartitionCheck.ONE_KEY);
        assertOnlyFailing(report, "keys");
    }

    @Test
    void aConsumerWithoutAGroupReadsButLeavesNothingToCheckOrReplay() {
        Kafka.createTopic(lab.bootstrap, topic, 3);
        produceKeyed();
        assertEquals(ORDERS, Kafka.readAll(lab.bootstrap, topic, "read_uncommitted").size(), "it did read everything");

        Report report = lab.check(topic, group);

        lab.assertFailed(report, "group-earliest", GroupReadFromEarliestCheck.NO_GROUP);
        lab.assertFailed(report, "replay", ReplayObservedCheck.NO_REPLAY);
        assertOnlyFailing(report, "group-earliest", "replay");
    }

    @Test
    void aConsumerThatNeverCommitsIsToldTheGroupDoesNotKnowHowFarItRead() {
        Kafka.createTopic(lab.bootstrap, topic, 3);
        produceKeyed();
        try (KafkaConsumer<String, String> consumer = Kafka.consumer(lab.bootstrap, group, Map.of())) {
            consumer.subscribe(List.of(topic));
            assertEquals(ORDERS, Kafka.pollUntil(consumer, ORDERS, Duration.ofSeconds(20)).size());
            lab.awaitGroupSeen(group);
        }

        Report report = lab.check(topic, group);

        lab.assertFailed(report, "group-earliest", GroupReadFromEarliestCheck.NO_OFFSETS);
        assertTrue(line(report, "group-earliest").evidence().get(0).endsWith("but has committed no offsets at all"),
                NoviceLab.describe(report));
    }

    @Test
    void withoutAReplayOnlyTheReplayLineFailsAndSaysHowToDoOne() {
        Kafka.createTopic(lab.bootstrap, topic, 3);
        produceKeyed();
        consumeAll();

        Report report = lab.check(topic, group);

        lab.assertFailed(report, "replay", ReplayObservedCheck.NO_REPLAY);
        assertOnlyFailing(report, "replay");
    }

    @Test
    void aResetThatWasNotFollowedByReadingAgainIsNotCaughtUp() {
        Kafka.createTopic(lab.bootstrap, topic, 3);
        produceKeyed();
        consumeAll();
        lab.resetToEarliest(topic, group);

        Report report = lab.check(topic, group);

        lab.assertFailed(report, "replay", ReplayObservedCheck.NOT_CAUGHT_UP);
        assertTrue(line(report, "replay").evidence().get(1).startsWith("it now stands at offset 0, short of "),
                NoviceLab.describe(report));
        lab.assertFailed(report, "group-earliest", GroupReadFromEarliestCheck.NOT_TO_THE_END);
    }

    @Test
    void recordsProducedAfterTheGroupReadAreNotReadYet() {
        Kafka.createTopic(lab.bootstrap, topic, 3);
        produceKeyed();
        consumeAndReplay();
        Kafka.produce(lab.bootstrap, topic, List.of(new ProducerRecord<>(topic, "cust-1", order(99))));

        Report report = lab.check(topic, group);

        lab.assertFailed(report, "group-earliest", GroupReadFromEarliestCheck.NOT_TO_THE_END);
        assertTrue(line(report, "group-earliest").evidence().get(0).endsWith("1 record not read"), NoviceLab.describe(report));
        assertPassed(report, "replay");
    }

    @Test
    void aLatestConsumerThatCommitsOnlyWhatItProcessedIsToldItSkippedWhatWasThere() {
        Kafka.createTopic(lab.bootstrap, topic, 3);
        produceKeyed();
        try (KafkaConsumer<String, String> consumer = Kafka.consumer(lab.bootstrap, group,
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"))) {
            consumer.subscribe(List.of(topic));
            await("partitions assigned").atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(100));
                return !consumer.assignment().isEmpty()
                        && consumer.assignment().stream().allMatch(tp -> consumer.position(tp) > -1);
            });
            lab.awaitGroupSeen(group);
            Kafka.produce(lab.bootstrap, topic, List.of(new ProducerRecord<>(topic, "cust-0", order(99))));
            // The learner's loop: commit each record it processed, nothing else.
            ConsumerRecord<String, String> fresh = Kafka.pollUntil(consumer, 1, Duration.ofSeconds(20)).get(0);
            consumer.commitSync(Map.of(new TopicPartition(topic, fresh.partition()), new OffsetAndMetadata(fresh.offset() + 1)));
        }

        Report report = lab.check(topic, group);

        lab.assertFailed(report, "group-earliest", GroupReadFromEarliestCheck.LATEST);
        assertTrue(line(report, "group-earliest").evidence().stream()
                .allMatch(e -> e.endsWith("all written before the lab first saw the group")), NoviceLab.describe(report));
    }

    /**
     * The limit of looking at the broker: a "latest" consumer that commits the end of every partition without reading
     * stands where an "earliest" one stands after reading everything. The line passes, and says it cannot tell.
     */
    @Test
    void aLatestConsumerThatCommitsTheEndCannotBeToldFromOneThatReadEverything() {
        Kafka.createTopic(lab.bootstrap, topic, 3);
        produceKeyed();
        try (KafkaConsumer<String, String> consumer = Kafka.consumer(lab.bootstrap, group,
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            await("partitions assigned").atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
                return !consumer.assignment().isEmpty()
                        && consumer.assignment().stream().allMatch(tp -> consumer.position(tp) > -1);
            });
            consumer.commitSync();
            assertEquals(List.of(), read, "it read nothing");
        }

        Report report = lab.check(topic, group);

        assertPassed(report, "group-earliest");
        assertTrue(line(report, "group-earliest").evidence().get(1).startsWith("Kafka keeps where a group stands, not "
                + "where it began"), NoviceLab.describe(report));
    }

    @Test
    void offsetsPastTheEndAsAfterTheTopicWasRecreatedAreToldToReset() throws Exception {
        Kafka.createTopic(lab.bootstrap, topic, 3);
        produceKeyed();
        consumeAll();
        try (Admin admin = Kafka.admin(lab.bootstrap)) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 2), new OffsetAndMetadata(500))).all().get();
        }

        Report report = lab.check(topic, group);

        lab.assertFailed(report, "group-earliest", GroupReadFromEarliestCheck.BEYOND_END);
        assertTrue(line(report, "group-earliest").evidence().get(0).contains("stands at offset 500 on partition 2"),
                NoviceLab.describe(report));
    }

    @Test
    void aMissingTopicIsToldToCreateOne() {
        Report report = lab.check(topic, group);

        lab.assertFailed(report, "partitions", TopicPartitionsCheck.NO_TOPIC);
        lab.assertFailed(report, "keys", KeysInOnePartitionCheck.NO_RECORDS);
        assertEquals(List.of("there is no topic named " + topic), line(report, "partitions").evidence());
    }

    @Test
    void everyCheckTheNoviceChallengeNamesExistsAndEveryHintHasText() {
        var clients = new dev.streamlab.kafka.KafkaClients(lab.bootstrap, Map.of());
        Catalog catalog = Catalog.standard(new BrokerFacts(lab.facts, lab.facts, lab.facts, clients, Clock.systemUTC()));

        List<String> problems = catalog.problems(QuestLoader.load(Path.of("labs")));

        assertEquals(List.of(), problems.stream().filter(p -> p.startsWith("novice")).toList());
    }

    private static void assertOnlyFailing(Report report, String... requirements) {
        List<String> failing = report.results().stream().filter(r -> !r.passed()).map(r -> r.requirement()).toList();
        assertEquals(List.of(requirements), failing, NoviceLab.describe(report));
    }

    private void produceKeyed() {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            records.add(new ProducerRecord<>(topic, "cust-" + i % 4, order(i)));
        }
        Kafka.produce(lab.bootstrap, topic, records);
    }

    /** Everything a right consumer does: read in the group from the earliest offset, commit, replay, read again. */
    private void consumeAndReplay() {
        int records = consumeAll();
        lab.resetToEarliest(topic, group);
        assertEquals(records, consumeAll(), "the replay reads everything again");
    }

    private int consumeAll() {
        int expected = (int) Kafka.readAll(lab.bootstrap, topic, "read_uncommitted").size();
        try (KafkaConsumer<String, String> consumer = Kafka.consumer(lab.bootstrap, group, Map.of())) {
            consumer.subscribe(List.of(topic));
            int read = Kafka.pollUntil(consumer, expected, Duration.ofSeconds(20)).size();
            consumer.commitSync();
            return read;
        }
    }

    private static String order(int i) {
        return "{\"order_id\": " + i + ", \"amount\": " + (5 + i) + "}";
    }
}
