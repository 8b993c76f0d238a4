package dev.streamlab.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.aggregate.BatchStreamLab;
import dev.streamlab.kafka.monitor.ClusterMonitor;
import dev.streamlab.kafka.monitor.MonitorSettings;
import dev.streamlab.kafka.tail.Isolation;
import dev.streamlab.kafka.tail.LiveTails;
import dev.streamlab.kafka.tail.StartPosition;
import dev.streamlab.kafka.tail.TailBatch;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One slow topic must not stall the other pages: the lab's real monitor, subjects, hub and tails on the real broker,
 * with one tail that opens (or closes) only when the test lets it. While it is held, another page's {@code cluster}
 * subscription gets its snapshot and the monitor goes on refreshing it.
 */
class SlowTopicTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final MonitorSettings MONITOR = new MonitorSettings(Duration.ofMillis(333), Duration.ofMillis(1000),
            Duration.ofMinutes(1));

    private final String bootstrap = TestBroker.bootstrapServers();
    private final KafkaClients clients = new KafkaClients(bootstrap, Map.of());
    private final String slowTopic = Names.unique("slow-topic");
    private final CountDownLatch opening = new CountDownLatch(1);
    private final CountDownLatch letOpen = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch letClose = new CountDownLatch(1);
    private final ExecutorService pages = Executors.newCachedThreadPool();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private LiveHub hub;

    @AfterEach
    void tearDown() throws Exception {
        letOpen.countDown();
        letClose.countDown();
        pages.shutdownNow();
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void aTailThatIsStillOpeningDelaysNeitherAnotherPagesClusterSnapshotNorTheMonitorsRefresh() {
        startLab(true, false);
        Kafka.createTopic(bootstrap, slowTopic, 1);
        Page slowPage = new Page(hub);
        Page otherPage = new Page(hub);

        CompletableFuture<Void> slowSubscribe = slowPage.sendAsync(records(slowTopic, "r1"));
        await("the slow tail starts opening").atMost(PATIENCE).until(() -> opening.getCount() == 0);
        otherPage.sendAsync("{\"op\":\"subscribe\",\"ref\":\"c1\",\"subject\":\"cluster\"}");
        await("the other page's cluster snapshot, while the slow tail is held").atMost(PATIENCE)
                .until(() -> otherPage.state("cluster").containsKey("topic:" + slowTopic));
        String created = Names.unique("created-meanwhile");
        Kafka.createTopic(bootstrap, created, 1);
        await("the monitor's refresh reaches the page").atMost(PATIENCE)
                .until(() -> otherPage.state("cluster").containsKey("topic:" + created));

        assertFalse(slowSubscribe.isDone(), "the slow tail was still held open by the test");
        assertTrue(slowPage.parts("subscribed").isEmpty());
        letOpen.countDown();
        await().atMost(PATIENCE).until(() -> slowPage.parts("subscribed").size() == 1);
    }

    @Test
    void twoPagesAskingForATailThatIsOpeningShareItOnceItOpensAndItClosesWithTheSecondToLeave() {
        startLab(true, false);
        Kafka.createTopic(bootstrap, slowTopic, 1);
        Page first = new Page(hub);
        Page second = new Page(hub);

        first.sendAsync(records(slowTopic, "r1"));
        await().atMost(PATIENCE).until(() -> opening.getCount() == 0);
        second.sendAsync(records(slowTopic, "r1"));
        letOpen.countDown();
        await().atMost(PATIENCE).until(() -> first.parts("subscribed").size() == 1 && second.parts("subscribed").size() == 1);
        assertEquals(1, liveTails.openTails(), "one shared tail for both pages");

        first.send("{\"op\":\"unsubscribe\",\"subject\":\"records/read_uncommitted/" + slowTopic + "\"}");
        assertEquals(1, liveTails.openTails(), "the second page still watches it");
        second.send("{\"op\":\"unsubscribe\",\"subject\":\"records/read_uncommitted/" + slowTopic + "\"}");
        await("the last page gone, the tail closes").atMost(PATIENCE).until(() -> liveTails.openTails() == 0);
    }

    @Test
    void aTailThatIsSlowToCloseDelaysNeitherTheUnsubscribeNorAnotherPagesClusterSnapshot() {
        startLab(false, true);
        Kafka.createTopic(bootstrap, slowTopic, 1);
        Page slowPage = new Page(hub);
        Page otherPage = new Page(hub);
        slowPage.send(records(slowTopic, "r1"));
        await().atMost(PATIENCE).until(() -> slowPage.parts("subscribed").size() == 1);

        CompletableFuture<Void> unsubscribe = slowPage.sendAsync(
                "{\"op\":\"unsubscribe\",\"subject\":\"records/read_uncommitted/" + slowTopic + "\"}");
        await("the slow tail starts closing").atMost(PATIENCE).until(() -> closing.getCount() == 0);
        otherPage.sendAsync("{\"op\":\"subscribe\",\"ref\":\"c1\",\"subject\":\"cluster\"}");
        await("the other page's cluster snapshot, while the slow tail is still closing").atMost(PATIENCE)
                .until(() -> otherPage.state("cluster").containsKey("topic:" + slowTopic));
        await("the unsubscribe is done without waiting for the close").atMost(PATIENCE).until(unsubscribe::isDone);
        letClose.countDown();
        await("the tail closes once it may").atMost(PATIENCE).until(() -> liveTails.openTails() == 0);
    }

    private LiveTails liveTails;

    /** The lab's parts on the test broker; the slow topic's live tail waits for the test to open or close. */
    private void startLab(boolean slowOpen, boolean slowClose) {
        Clock clock = Clock.systemUTC();
        ClusterMonitor monitor = new ClusterMonitor(clients, MONITOR, clock);
        liveTails = new LiveTails(clients, 5);
        TailSource real = TailSource.of(liveTails, clients);
        TailSource slow = new TailSource() {
            @Override
            public AutoCloseable live(String topic, Isolation isolation, Consumer<TailBatch> sink, Consumer<String> problems) {
                if (!topic.equals(slowTopic)) {
                    return real.live(topic, isolation, sink, problems);
                }
                if (slowOpen) {
                    opening.countDown();
                    awaitQuietly(letOpen);
                }
                AutoCloseable tail = real.live(topic, isolation, sink, problems);
                return slowClose ? () -> {
                    closing.countDown();
                    awaitQuietly(letClose);
                    tail.close();
                } : tail;
            }

            @Override
            public AutoCloseable replay(String topic, Isolation isolation, StartPosition start, Consumer<TailBatch> sink,
                                        Consumer<String> problems) {
                return real.replay(topic, isolation, start, sink, problems);
            }
        };
        BatchStreamLab batchStream = new BatchStreamLab(clients, clock);
        KafkaSubjects subjects = new KafkaSubjects(monitor, slow, clients, Map::of, new PlaybackFeed(JSON),
                new GuaranteesFeed(JSON), new BatchStreamFeed(batchStream, JSON), JSON);
        hub = new LiveHub(subjects, HubSettings.defaults(), JSON, clock);
        toClose.addAll(List.of(monitor, liveTails, batchStream, subjects, hub));
        monitor.start();
        hub.start();
    }

    private static String records(String topic, String ref) {
        return "{\"op\":\"subscribe\",\"ref\":\"" + ref + "\",\"subject\":\"records\",\"topic\":\"" + topic + "\"}";
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS); // the test lets go long before; this only bounds a broken test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A connected page as the hub sees it (the WebSocket's sink), sending from a thread of its own as Jetty does. */
    private final class Page implements LiveSink {
        private final LiveClient client;
        private final List<JsonNode> parts = new CopyOnWriteArrayList<>();
        private final ExecutorService socket = Executors.newSingleThreadExecutor();

        Page(LiveHub hub) {
            this.client = hub.connect(this);
            toClose.add(socket::shutdownNow);
        }

        CompletableFuture<Void> sendAsync(String message) {
            return CompletableFuture.runAsync(() -> hub.receive(client, message), socket);
        }

        void send(String message) {
            sendAsync(message).join();
        }

        List<JsonNode> parts(String type) {
            return parts.stream().filter(p -> p.path("type").asText().equals(type)).toList();
        }

        /** The last snapshot of {@code subject} with every later delta applied. */
        Map<String, JsonNode> state(String subject) {
            return WsClient.state(parts, subject);
        }

        @Override
        public void send(String frame, Runnable done, Consumer<Throwable> failed) {
            try {
                JSON.readTree(frame).get("parts").forEach(parts::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            done.run();
        }

        @Override
        public void close(int code, String reason) {
        }

        @Override
        public void abort() {
        }
    }
}
