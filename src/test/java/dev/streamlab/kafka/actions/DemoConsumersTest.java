package dev.streamlab.kafka.actions;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.streamlab.kafka.actions.Problems.contains;
import static dev.streamlab.kafka.actions.Problems.refused;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Demo consumers as real group members: they commit, pause with growing lag, resume, and rebalance when stopped. */
class DemoConsumersTest {
    private static final String BOOTSTRAP = TestBroker.bootstrapServers();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaActions actions;
    private static Admin admin;

    @BeforeAll
    static void open() {
        actions = KafkaActions.open(new KafkaClients(BOOTSTRAP, Map.of()));
        admin = Kafka.admin(BOOTSTRAP);
    }

    @AfterEach
    void stopAll() {
        actions.consumers().list().forEach(c -> actions.consumers().stop(c.id()));
    }

    @AfterAll
    static void close() {
        actions.close();
        admin.close();
    }

    private static String topicWith(int partitions, int records) {
        String topic = Names.unique("orders");
        Kafka.createTopic(BOOTSTRAP, topic, partitions);
        produce(topic, 0, records);
        return topic;
    }

    private static void produce(String topic, int from, int count) {
        Kafka.produce(BOOTSTRAP, topic, IntStream.range(from, from + count)
                .mapToObj(i -> new ProducerRecord<>(topic, "cust-" + i, "order-" + i)).toList());
    }

    private static long committed(String group) {
        return Kafka.committedOffsets(BOOTSTRAP, group).values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    }

    private static List<MemberDescription> members(String group) throws Exception {
        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        return List.copyOf(d.members());
    }

    private static DemoConsumerView view(String id) {
        return actions.consumers().list().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aConsumerReadsTheTopicFromTheEarliestOffsetAndCommitsWhatItRead() {
        String topic = topicWith(2, 20);
        String group = Names.unique("billing");

        DemoConsumerView started = actions.consumers().start(group, new StartConsumerRequest(topic, 0));

        assertEquals(group, started.group());
        assertEquals(topic, started.topic());
        assertFalse(started.paused());
        await().atMost(WAIT).until(() -> committed(group) == 20);
        DemoConsumerView now = view(started.id());
        assertEquals(20, now.recordsConsumed());
        assertEquals(List.of(0, 1), now.partitions());
    }

    @Test
    void pausingKeepsTheConsumerInItsGroupWhileLagGrowsAndResumingCatchesUp() throws Exception {
        String topic = topicWith(1, 5);
        String group = Names.unique("billing");
        String id = actions.consumers().start(group, new StartConsumerRequest(topic, 0)).id();
        await().atMost(WAIT).until(() -> committed(group) == 5);

        assertTrue(actions.consumers().pause(id).paused());
        produce(topic, 5, 10);

        await("the paused consumer leaves the new records unread").during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5)).until(() -> committed(group) == 5);
        assertEquals(1, members(group).size(), "still a member of its group while paused");
        assertEquals(List.of(0), view(id).partitions(), "and still owns its partition");
        assertEquals(5, view(id).recordsConsumed());

        assertFalse(actions.consumers().resume(id).paused());
        await("the resumed consumer catches up").atMost(WAIT).until(() -> committed(group) == 15);
        assertEquals(15, view(id).recordsConsumed());
    }

    @Test
    void stoppingOneConsumerHandsItsPartitionsToTheOtherInTheSameGroup() throws Exception {
        String topic = topicWith(2, 0);
        String group = Names.unique("billing");
        String first = actions.consumers().start(group, new StartConsumerRequest(topic, 0)).id();
        String second = actions.consumers().start(group, new StartConsumerRequest(topic, 0)).id();
        await("the group shares the two partitions").atMost(WAIT)
                .until(() -> view(first).partitions().size() == 1 && view(second).partitions().size() == 1);

        actions.consumers().stop(first);

        await("the rebalance gives both partitions to the remaining consumer").atMost(WAIT)
                .until(() -> view(second).partitions().equals(List.of(0, 1)));
        assertEquals(List.of(second), actions.consumers().list().stream().map(DemoConsumerView::id).toList());
        assertEquals(1, members(group).size());
    }

    @Test
    void aSlowConsumerReadsAtItsSpeedSoLagBuildsUp() {
        String topic = topicWith(1, 60);
        String group = Names.unique("slow");

        String id = actions.consumers().start(group, new StartConsumerRequest(topic, 5)).id();

        await().atMost(WAIT).until(() -> view(id).recordsConsumed() >= 5);
        long consumed = view(id).recordsConsumed();
        assertTrue(consumed < 30, "at 5 records a second it is far from done: " + consumed);
        assertEquals(5, view(id).recordsPerSecond());
    }

    @Test
    void theLabRunsAtMostItsLimitOfDemoConsumersAndSaysHowToMakeRoom() {
        String topic = topicWith(1, 0);
        try (KafkaActions small = KafkaActions.open(new KafkaClients(BOOTSTRAP, Map.of()), 2)) {
            String first = small.consumers().start("g1", new StartConsumerRequest(topic, 0)).id();
            small.consumers().start("g2", new StartConsumerRequest(topic, 0));

            String message = refused(Problem.CONFLICT,
                    () -> small.consumers().start("g3", new StartConsumerRequest(topic, 0)));

            contains(message, "at most 2 demo consumers", "DELETE /api/consumers/{id}");
            small.consumers().stop(first);
            assertEquals("g3", small.consumers().start("g3", new StartConsumerRequest(topic, 0)).group());
        }
    }

    @Test
    void aMissingTopicOrAnImpossibleSpeedIsRefusedAndStartsNothing() {
        String missing = Names.unique("missing");

        contains(refused(Problem.NOT_FOUND, () -> actions.consumers().start("g", new StartConsumerRequest(missing, 0))),
                "there is no topic \"" + missing + "\"");
        String topic = topicWith(1, 0);
        contains(refused(Problem.BAD_REQUEST, () -> actions.consumers().start("g", new StartConsumerRequest(topic, -1))),
                "recordsPerSecond must be 0", "got -1");
        contains(refused(Problem.BAD_REQUEST, () -> actions.consumers().start(" ", new StartConsumerRequest(topic, 0))),
                "group name is empty");
        assertEquals(List.of(), actions.consumers().list());
    }

    @Test
    void anUnknownConsumerIdIsNotFoundForPauseResumeAndStop() {
        contains(refused(Problem.NOT_FOUND, () -> actions.consumers().pause("consumer-999")), "no demo consumer \"consumer-999\"");
        refused(Problem.NOT_FOUND, () -> actions.consumers().resume("consumer-999"));
        refused(Problem.NOT_FOUND, () -> actions.consumers().stop("consumer-999"));
    }

    @Test
    void closingTheActionsStopsEveryDemoConsumerAndEmptiesTheirGroups() throws Exception {
        String topic = topicWith(1, 3);
        String group = Names.unique("closing");
        KafkaActions other = KafkaActions.open(new KafkaClients(BOOTSTRAP, Map.of()));
        other.consumers().start(group, new StartConsumerRequest(topic, 0));
        await().atMost(WAIT).until(() -> members(group).size() == 1);

        other.close();

        assertEquals(0, members(group).size());
    }
}
