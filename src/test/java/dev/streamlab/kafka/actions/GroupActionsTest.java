package dev.streamlab.kafka.actions;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.streamlab.kafka.actions.Problems.contains;
import static dev.streamlab.kafka.actions.Problems.refused;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Resetting a group's committed offsets, as kafka-consumer-groups --reset-offsets does. */
class GroupActionsTest {
    private static final String BOOTSTRAP = TestBroker.bootstrapServers();
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static KafkaActions actions;

    @BeforeAll
    static void open() {
        actions = KafkaActions.open(new KafkaClients(BOOTSTRAP, Map.of()));
    }

    @AfterAll
    static void close() {
        actions.close();
    }

    /** A topic with {@code perPartition} records in each partition, record i stamped T0 + i minutes. */
    private static String topic(int partitions, int perPartition) {
        String topic = Names.unique("orders");
        Kafka.createTopic(BOOTSTRAP, topic, partitions);
        Kafka.produce(BOOTSTRAP, topic, IntStream.range(0, partitions * perPartition).mapToObj(i -> new ProducerRecord<>(
                topic, i % partitions, T0.plusSeconds(60L * (i / partitions)).toEpochMilli(), "k", "v" + i)).toList());
        return topic;
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        return Kafka.committedOffsets(BOOTSTRAP, group);
    }

    private static void consumeAllAndCommit(String group, String topic, int expected) {
        try (KafkaConsumer<String, String> consumer = Kafka.consumer(BOOTSTRAP, group, Map.of())) {
            consumer.subscribe(List.of(topic));
            assertEquals(expected, Kafka.pollUntil(consumer, expected, Duration.ofSeconds(20)).size());
            consumer.commitSync();
        }
    }

    private static GroupReset reset(String group, String topic, String to, Long offset, String time) {
        return actions.groups().reset(group, new ResetRequest(topic, to, offset, time));
    }

    @Test
    void aGroupThatReadEverythingCanBeSentBackToTheEarliestOffset() {
        String topic = topic(2, 5);
        String group = Names.unique("billing");
        consumeAllAndCommit(group, topic, 10);

        GroupReset reset = reset(group, topic, "earliest", null, null);

        assertEquals(new GroupReset(group, topic, "earliest",
                List.of(new PartitionOffset(0, 0, 5L), new PartitionOffset(1, 0, 5L))), reset);
        assertEquals(0, committed(group).get(new TopicPartition(topic, 0)).offset());
        assertEquals(0, committed(group).get(new TopicPartition(topic, 1)).offset());
    }

    @Test
    void aGroupThatDoesNotExistYetGetsCommittedOffsetsAtTheLatestOffset() {
        String topic = topic(2, 3);
        String group = Names.unique("fresh");

        GroupReset reset = reset(group, topic, "latest", null, null);

        assertEquals(List.of(new PartitionOffset(0, 3, null), new PartitionOffset(1, 3, null)), reset.partitions());
        assertEquals(3, committed(group).get(new TopicPartition(topic, 1)).offset());
    }

    @Test
    void anOffsetIsClampedToWhatEachPartitionHolds() throws Exception {
        String topic = topic(1, 10);
        String group = Names.unique("billing");
        try (Admin admin = Kafka.admin(BOOTSTRAP)) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(4))).all().get();
        }

        assertEquals(7, reset(group, topic, "offset", 7L, null).partitions().get(0).offset());
        assertEquals(10, reset(group, topic, "offset", 42L, null).partitions().get(0).offset(), "past the end: the end");
        assertEquals(4, reset(group, topic, "offset", 0L, null).partitions().get(0).offset(), "before the log start: the start");
        assertEquals(4, reset(group, topic, "earliest", null, null).partitions().get(0).offset());
    }

    @Test
    void aTimeMovesToTheFirstRecordAtOrAfterItAndToTheEndWhenThereIsNone() {
        String topic = topic(1, 5);
        String group = Names.unique("replay");

        assertEquals(2, reset(group, topic, "time", null, T0.plusSeconds(120).toString()).partitions().get(0).offset());
        assertEquals(3, reset(group, topic, "time", null, String.valueOf(T0.plusSeconds(121).getEpochSecond()))
                .partitions().get(0).offset(), "epoch seconds, between two records: the next one");
        assertEquals(5, reset(group, topic, "time", null, T0.plusSeconds(3600).toString()).partitions().get(0).offset());
        assertEquals(0, reset(group, topic, "time", null, "0").partitions().get(0).offset());
    }

    @Test
    void aGroupWithActiveMembersIsNotResetAndTheMessageNamesThemAndHowToStopThem() {
        String topic = topic(1, 2);
        String group = Names.unique("busy");
        String id = actions.consumers().start(group, new StartConsumerRequest(topic, 0)).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(group).size() == 1
                && committed(group).get(new TopicPartition(topic, 0)).offset() == 2);

        String message = refused(Problem.CONFLICT, () -> reset(group, topic, "earliest", null, null));

        contains(message, "group " + group + " still has 1 active member(s) (client ids streamlab-demo-" + id + ")",
                "stop the group's consumers first, then reset", "demo consumer " + id, "press Stop on it", "(from a script: DELETE /api/consumers/" + id + ").");
        assertEquals(2, committed(group).get(new TopicPartition(topic, 0)).offset(), "nothing moved");

        actions.consumers().stop(id);
        assertEquals(0, reset(group, topic, "earliest", null, null).partitions().get(0).offset());
    }

    @Test
    void anUnknownTopicIsNotFound() {
        String missing = Names.unique("missing");

        contains(refused(Problem.NOT_FOUND, () -> reset("g", missing, "earliest", null, null)),
                "there is no topic \"" + missing + "\"");
    }

    @Test
    void aMissingOrUnknownTargetAndMismatchedArgumentsAreRefusedSayingWhatGoesWithWhat() {
        String topic = topic(1, 1);

        contains(refused(Problem.BAD_REQUEST, () -> reset("g", topic, null, null, null)),
                "\"to\" is missing", "\"earliest\", \"latest\", \"offset\"");
        contains(refused(Problem.BAD_REQUEST, () -> reset("g", topic, "beginning", null, null)),
                "\"to\": \"beginning\" is not a target");
        contains(refused(Problem.BAD_REQUEST, () -> reset("g", topic, "offset", null, null)),
                "\"to\": \"offset\" needs the offset too");
        contains(refused(Problem.BAD_REQUEST, () -> reset("g", topic, "offset", -3L, null)), "got -3");
        contains(refused(Problem.BAD_REQUEST, () -> reset("g", topic, "earliest", 5L, null)),
                "\"offset\" only goes with \"to\": \"offset\"");
        contains(refused(Problem.BAD_REQUEST, () -> reset("g", topic, "time", null, null)),
                "\"to\": \"time\" needs the time too");
        contains(refused(Problem.BAD_REQUEST, () -> reset("g", topic, "time", null, "soon")), "time \"soon\"");
    }
}
