package dev.streamlab.kafka.tail;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static dev.streamlab.kafka.tail.RecordTailTest.threadsNamed;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many watchers of one topic share one consumer; a newcomer starts from the recent records, not from nothing. */
class LiveTailsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final String bootstrap = TestBroker.bootstrapServers();
    private final LiveTails live = new LiveTails(new KafkaClients(bootstrap, Map.of()), 5);

    @AfterEach
    void closeAll() {
        live.close();
    }

    @Test
    void twoWatchersOfOneTopicShareOneConsumerAndBothGetEveryRecord() {
        String topic = Names.unique("orders");
        Kafka.createTopic(bootstrap, topic, 2);
        Recorder first = new Recorder();
        Recorder second = new Recorder();

        live.subscribe(topic, Isolation.READ_UNCOMMITTED, first);
        live.subscribe(topic, Isolation.READ_UNCOMMITTED, second);
        produce(topic, "order-", 0, 4);

        await().atMost(PATIENCE).until(() -> first.values().size() >= 4 && second.values().size() >= 4);
        assertEquals(1, live.openTails());
        assertEquals(1, threadsNamed("streamlab-tail-" + topic), "one consumer thread for both watchers");
        assertEquals(first.values(), second.values());
        assertEquals(4, first.values().size());
    }

    @Test
    void aNewcomerFirstGetsTheMostRecentRecordsThenEveryNewOneExactlyOnce() {
        String topic = Names.unique("trades");
        Kafka.createTopic(bootstrap, topic, 1);
        Recorder early = new Recorder();
        live.subscribe(topic, Isolation.READ_UNCOMMITTED, early);
        produce(topic, "trade-", 0, 8);
        await().atMost(PATIENCE).until(() -> early.values().size() >= 8);

        Recorder newcomer = new Recorder();
        LiveTails.Subscription subscription = live.subscribe(topic, Isolation.READ_UNCOMMITTED, newcomer);

        List<String> lastFive = List.of("trade-3", "trade-4", "trade-5", "trade-6", "trade-7");
        assertEquals(lastFive, newcomer.values(), "the snapshot arrived before subscribe returned");
        assertEquals(lastFive, subscription.snapshot().stream().map(TailRecord::value).toList());
        assertEquals(lastFive, live.recent(topic, Isolation.READ_UNCOMMITTED).stream().map(TailRecord::value).toList());
        assertEquals(1, newcomer.batches().size());

        produce(topic, "trade-", 8, 9);
        await().atMost(PATIENCE).until(() -> newcomer.values().size() >= 6 && early.values().size() >= 9);
        assertEquals(List.of("trade-3", "trade-4", "trade-5", "trade-6", "trade-7", "trade-8"), newcomer.values());
        assertEquals(9, early.values().size());
    }

    @Test
    void theFirstWatcherSeesTheLastRecordsWrittenBeforeAnyoneWatched() {
        String topic = Names.unique("alerts");
        Kafka.createTopic(bootstrap, topic, 1);
        produce(topic, "alert-", 0, 7);
        Recorder first = new Recorder();

        LiveTails.Subscription subscription = live.subscribe(topic, Isolation.READ_COMMITTED, first);

        assertEquals(List.of(), subscription.snapshot());
        await().atMost(PATIENCE).until(() -> first.values().size() >= 5);
        assertEquals(List.of("alert-2", "alert-3", "alert-4", "alert-5", "alert-6"), first.values());
    }

    @Test
    void theSharedTailClosesWhenItsLastWatcherLeavesAndANewWatcherOpensAFreshOne() {
        String topic = Names.unique("metrics");
        Kafka.createTopic(bootstrap, topic, 1);
        LiveTails.Subscription a = live.subscribe(topic, Isolation.READ_UNCOMMITTED, new Recorder());
        LiveTails.Subscription b = live.subscribe(topic, Isolation.READ_UNCOMMITTED, new Recorder());
        LiveTails.Subscription committed = live.subscribe(topic, Isolation.READ_COMMITTED, new Recorder());
        assertEquals(2, live.openTails(), "each isolation level needs its own consumer");

        a.close();
        assertEquals(2, live.openTails());
        b.close();
        b.close();
        assertEquals(1, live.openTails());
        committed.close();

        assertEquals(0, live.openTails());
        assertEquals(0, threadsNamed("streamlab-tail-" + topic), "the consumers' threads ended with the subscriptions");
        assertEquals(List.of(), live.recent(topic, Isolation.READ_UNCOMMITTED));

        Recorder later = new Recorder();
        live.subscribe(topic, Isolation.READ_UNCOMMITTED, later);
        produce(topic, "m-", 0, 1);
        await().atMost(PATIENCE).until(() -> later.values().equals(List.of("m-0")));
        assertEquals(1, live.openTails());
    }

    @Test
    void twoHundredWatchersShareOneConsumerAndEachGetsEveryRecordOnce() {
        String topic = Names.unique("popular");
        Kafka.createTopic(bootstrap, topic, 3);
        List<Recorder> watchers = IntStream.range(0, 200).mapToObj(i -> new Recorder()).toList();
        watchers.parallelStream().forEach(w -> live.subscribe(topic, Isolation.READ_UNCOMMITTED, w));
        assertEquals(1, threadsNamed("streamlab-tail-" + topic));

        produce(topic, "e-", 0, 100);

        await().atMost(PATIENCE).until(() -> watchers.stream().allMatch(w -> w.values().size() >= 100));
        List<String> expected = watchers.get(0).values();
        assertEquals(100, expected.stream().distinct().count());
        watchers.forEach(w -> assertEquals(expected, w.values()));
    }

    @Test
    void aWatcherMayLeaveFromInsideItsOwnListener() {
        String topic = Names.unique("one-shot");
        Kafka.createTopic(bootstrap, topic, 1);
        AtomicReference<LiveTails.Subscription> self = new AtomicReference<>();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        self.set(live.subscribe(topic, Isolation.READ_UNCOMMITTED, batch -> {
            batch.records().forEach(r -> seen.add(r.value()));
            self.get().close();
        }));

        produce(topic, "x-", 0, 1);

        await().atMost(PATIENCE).until(() -> live.openTails() == 0);
        assertEquals(List.of("x-0"), seen);
        await().atMost(PATIENCE).until(() -> threadsNamed("streamlab-tail-" + topic) == 0);
    }

    @Test
    void aMissingTopicIsRefusedAndLeavesNothingOpen() {
        String topic = Names.unique("nowhere");

        TailException e = assertThrows(TailException.class,
                () -> live.subscribe(topic, Isolation.READ_UNCOMMITTED, new Recorder()));

        assertEquals("topic " + topic + " does not exist", e.getMessage());
        assertEquals(0, live.openTails());
        assertEquals(0, threadsNamed("streamlab-tail-" + topic));
    }

    @Test
    void watchersHearThatTheirTopicWasDeletedAndLaterOnesAreRefused() throws Exception {
        String topic = Names.unique("temporary");
        Kafka.createTopic(bootstrap, topic, 1);
        Recorder watcher = new Recorder();
        live.subscribe(topic, Isolation.READ_UNCOMMITTED, watcher, watcher.problems());

        try (Admin admin = Kafka.admin(bootstrap)) {
            admin.deleteTopics(List.of(topic)).all().get();
        }

        await().atMost(PATIENCE).until(() -> !watcher.problemReports().isEmpty());
        assertEquals(List.of("topic " + topic + " was deleted; the tail stopped"), watcher.problemReports());
        await("the stopped tail's thread ends").atMost(PATIENCE).until(() -> live.openTails() == 0);
        TailException e = assertThrows(TailException.class,
                () -> live.subscribe(topic, Isolation.READ_UNCOMMITTED, new Recorder()));
        assertEquals(TailException.Reason.TOPIC_MISSING, e.reason());
    }

    @Test
    void closedLiveTailsRefuseNewWatchers() {
        String topic = Names.unique("closing");
        Kafka.createTopic(bootstrap, topic, 1);
        LiveTails.Subscription subscription = live.subscribe(topic, Isolation.READ_UNCOMMITTED, new Recorder());

        live.close();

        assertEquals(0, live.openTails());
        assertEquals(0, threadsNamed("streamlab-tail-" + topic));
        subscription.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> live.subscribe(topic, Isolation.READ_UNCOMMITTED, new Recorder()));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    private void produce(String topic, String prefix, int from, int to) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        IntStream.range(from, to).forEach(i -> records.add(new ProducerRecord<>(topic, "k", prefix + i)));
        Kafka.produce(bootstrap, topic, records);
    }
}
