package dev.streamlab.kafka.aggregate;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.kafka.actions.Problem;
import dev.streamlab.kafka.guarantees.Order;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's service on the real broker: the running aggregation beside the batch, the trickle, the reset. */
class BatchStreamLabTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final String bootstrap = TestBroker.bootstrapServers();
    private final BatchStreamLab lab = new BatchStreamLab(new KafkaClients(bootstrap, Map.of()), Clock.systemUTC());

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void theRunningTotalsStartFromTheBeginningAndUpdateAsEachRecordArrives() {
        String topic = Names.unique("bs-running");
        Kafka.createTopic(bootstrap, topic, 2);
        Kafka.produce(bootstrap, topic, List.of(order(topic, "o-1", "cust-1", 1000)));
        AtomicReference<DemoState> seen = new AtomicReference<>();

        try (BatchStreamLab.Watch ignored = lab.watch(topic, seen::set)) {
            await().atMost(PATIENCE).until(() -> seen.get().stream().recordsSeen() == 1);
            assertTrue(seen.get().stream().running(), "it reads and waits for more; it never says it is done");

            Kafka.produce(bootstrap, topic, List.of(order(topic, "o-2", "cust-1", 250), order(topic, "o-3", "cust-2", 99)));

            await().atMost(PATIENCE).until(() -> seen.get().stream().recordsSeen() == 3);
            Totals totals = seen.get().stream().totals();
            assertEquals(List.of(new CustomerTotal("cust-1", 2, 1250), new CustomerTotal("cust-2", 1, 99)),
                    totals.customers());
            assertEquals(3L, seen.get().stream().positions().values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void aBatchResultStaysPutWhileTheStreamMovesOnAndSaysHowManyRecordsItIsMissing() {
        String topic = Names.unique("bs-stale");
        lab.reset(topic);
        AtomicReference<DemoState> seen = new AtomicReference<>();
        try (BatchStreamLab.Watch ignored = lab.watch(topic, seen::set)) {
            lab.addOrders(topic, 10);
            BatchResult batch = lab.runBatch(topic);
            assertEquals(10, batch.recordsRead());
            await().atMost(PATIENCE).until(() -> seen.get().matches());

            lab.addOrders(topic, 5);

            await().atMost(PATIENCE).until(() -> seen.get().stream().recordsSeen() == 15);
            assertEquals(5, seen.get().staleBy());
            assertFalse(seen.get().matches());
            assertEquals(batch, seen.get().batch(), "the batch's answer does not change by itself");

            lab.runBatch(topic);
            await().atMost(PATIENCE).until(() -> seen.get().batch().recordsRead() == 15);
            assertEquals(0, seen.get().staleBy());
            assertTrue(seen.get().matches(), "run again over the same records, the batch agrees with the stream");
        }
    }

    @Test
    void everyWatcherOfATopicSharesOneConsumerAndItStopsWithTheLast() {
        String topic = Names.unique("bs-shared");
        Kafka.createTopic(bootstrap, topic, 1);
        AtomicReference<DemoState> a = new AtomicReference<>();
        AtomicReference<DemoState> b = new AtomicReference<>();
        BatchStreamLab.Watch first = lab.watch(topic, a::set);
        BatchStreamLab.Watch second = lab.watch(topic, b::set);
        assertEquals(1, lab.streams());
        Kafka.produce(bootstrap, topic, List.of(order(topic, "o-1", "cust-1", 100)));
        await().atMost(PATIENCE).until(() -> a.get().stream().recordsSeen() == 1 && b.get().stream().recordsSeen() == 1);

        first.close();
        assertEquals(1, lab.streams());
        second.close();
        assertEquals(0, lab.streams());
    }

    @Test
    void theLabWatchesAtMostFourTopicsAtOnce() {
        for (int i = 0; i < BatchStreamLab.MAX_STREAMS; i++) {
            lab.watch(Names.unique("bs-many"), state -> { });
        }
        ActionException e = assertThrows(ActionException.class, () -> lab.watch(Names.unique("bs-many"), state -> { }));
        assertEquals(Problem.CONFLICT, e.problem());
        assertTrue(e.getMessage().contains("close a page"), e.getMessage());
    }

    @Test
    void aStreamOnAMissingTopicWaitsForItAndStartsOnceResetCreatesIt() {
        String topic = Names.unique("bs-later");
        AtomicReference<DemoState> seen = new AtomicReference<>();
        try (BatchStreamLab.Watch ignored = lab.watch(topic, seen::set)) {
            await().atMost(PATIENCE).until(() -> String.valueOf(seen.get().stream().problem()).contains("does not exist"));
            assertFalse(seen.get().stream().running());

            lab.reset(topic);
            lab.addOrders(topic, 3);

            await().atMost(PATIENCE).until(() -> seen.get().stream().recordsSeen() == 3);
            assertNull(seen.get().stream().problem());
        }
    }

    @Test
    void resetEmptiesTheTopicForgetsTheBatchAndTheStreamStartsAgainFromNothing() {
        String topic = Names.unique("bs-reset");
        lab.reset(topic);
        AtomicReference<DemoState> seen = new AtomicReference<>();
        try (BatchStreamLab.Watch ignored = lab.watch(topic, seen::set)) {
            lab.addOrders(topic, 7);
            lab.runBatch(topic);
            await().atMost(PATIENCE).until(() -> seen.get().stream().recordsSeen() == 7);

            TopicReset reset = lab.reset(topic);

            assertEquals(BatchStreamLab.PARTITIONS, reset.partitions());
            assertNull(seen.get().batch());
            assertEquals(0, seen.get().stream().recordsSeen());
            lab.addOrders(topic, 2);
            await().atMost(PATIENCE).until(() -> seen.get().stream().recordsSeen() == 2);
            assertEquals(2, BatchJob.run(new KafkaClients(bootstrap, Map.of()), topic, Clock.systemUTC()).recordsRead());
        }
    }

    @Test
    void aTrickleWritesOrdersUntilItIsStopped() {
        String topic = Names.unique("bs-trickle");
        lab.reset(topic);

        TrickleState on = lab.trickle(topic, 10, true);
        assertTrue(on.on());
        assertEquals(10, on.perSecond());
        await().atMost(PATIENCE).until(() -> lab.trickleState(topic).produced() >= 3);
        TrickleState off = lab.trickle(topic, 0, false);

        assertFalse(off.on());
        await().atMost(PATIENCE).until(() -> Kafka.readAll(bootstrap, topic, "read_uncommitted").size()
                == lab.trickleState(topic).produced());
    }

    @Test
    void theDemoWritesOnlyToTopicsNamedBsSoALearnersTopicIsNeverWiped() {
        ActionException reset = assertThrows(ActionException.class, () -> lab.reset("orders"));
        assertEquals(Problem.FORBIDDEN, reset.problem());
        assertTrue(reset.getMessage().contains("\"bs-\""), reset.getMessage());
        assertEquals(Problem.FORBIDDEN, assertThrows(ActionException.class, () -> lab.addOrders("orders", 1)).problem());
        assertEquals(Problem.FORBIDDEN, assertThrows(ActionException.class, () -> lab.trickle("orders", 2, true)).problem());
    }

    @Test
    void ratesAndCountsAreRefusedWithWhatToDoWithoutCreatingTheTopic() {
        String missing = Names.unique("bs-missing");
        ActionException count = assertThrows(ActionException.class, () -> lab.addOrders(missing, 0));
        assertEquals(Problem.BAD_REQUEST, count.problem());
        assertTrue(count.getMessage().contains("from 1 to 1000"), count.getMessage());
        ActionException rate = assertThrows(ActionException.class, () -> lab.trickle(missing, 500, true));
        assertEquals(Problem.BAD_REQUEST, rate.problem());
        assertFalse(topicExists(missing), "a refused request did not create the topic");
    }

    @Test
    void theFirstOrdersOnAFreshLabCreateTheDemoTopicWithThreePartitions() {
        String fresh = Names.unique("bs-fresh");

        OrdersAdded added = lab.addOrders(fresh, 10);

        assertEquals(10, added.count());
        assertTrue(topicExists(fresh));
        assertEquals(10, Kafka.readAll(bootstrap, fresh, "read_uncommitted").size());
    }

    @Test
    void theFirstBatchOnAFreshLabReadsAnEmptyDemoTopicInsteadOfFailing() {
        String fresh = Names.unique("bs-fresh-batch");

        BatchResult result = lab.runBatch(fresh);

        assertTrue(topicExists(fresh));
        assertEquals(0, result.recordsRead(), result.toString());
    }

    private boolean topicExists(String topic) {
        try (var admin = Kafka.admin(bootstrap)) {
            return admin.listTopics().names().get().contains(topic);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProducerRecord<String, String> order(String topic, String id, String customer, long cents) {
        return new ProducerRecord<>(topic, customer, new Order(id, customer, cents, 1_795_605_600_000L).toJson());
    }
}
