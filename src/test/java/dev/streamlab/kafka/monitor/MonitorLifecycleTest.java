package dev.streamlab.kafka.monitor;

import dev.streamlab.kafka.EmbeddedBroker;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.streamlab.kafka.monitor.Monitors.awaitSnapshot;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The monitor's thread, listeners and refresh, and what it publishes while Kafka is away and when it is back. */
class MonitorLifecycleTest {
    private static final String NOT_ANSWERING = "is not answering";

    @Test
    void aMonitorPointedAtAClosedPortPublishesUnreachableWithTheReasonWithinTwoSecondsOrSo() throws Exception {
        String nobody = "127.0.0.1:" + FreePorts.next();
        List<ClusterSnapshot> published = new CopyOnWriteArrayList<>();
        try (ClusterMonitor monitor = new ClusterMonitor(new KafkaClients(nobody, Map.of()), Monitors.FAST,
                Clock.systemUTC())) {
            assertFalse(monitor.latest().reachable(), "before the first poll");
            monitor.addListener(published::add);
            long started = System.nanoTime();
            monitor.start();

            await("an unreachable snapshot").atMost(Duration.ofSeconds(3)).until(() -> !published.isEmpty());
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            ClusterSnapshot snapshot = published.get(0);
            assertFalse(snapshot.reachable());
            assertTrue(snapshot.problem().startsWith("Kafka at " + nobody + " " + NOT_ANSWERING + ": "),
                    snapshot.problem());
            assertEquals(List.of(), snapshot.topics());
            assertTrue(tookMs < 3000, tookMs + " ms");
        }
    }

    @Test
    void listenersHearOnlyOfChangesSoAKafkaThatStaysAwayIsReportedOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (ClusterMonitor monitor = new ClusterMonitor(new KafkaClients("127.0.0.1:" + FreePorts.next(), Map.of()),
                new MonitorSettings(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMinutes(1)),
                Clock.systemUTC())) {
            monitor.addListener(s -> calls.incrementAndGet());
            monitor.start();
            await("the first unreachable snapshot").atMost(Duration.ofSeconds(5))
                    .until(() -> monitor.latest().problem().contains(NOT_ANSWERING));
            ClusterSnapshot first = monitor.latest();

            await("later polls").atMost(Duration.ofSeconds(5)).until(() -> monitor.latest().at().isAfter(first.at()));
            await("a few more polls").atMost(Duration.ofSeconds(5))
                    .until(() -> monitor.latest().at().isAfter(first.at().plusSeconds(1)));

            assertEquals(1, calls.get(), "the same problem again is no news");
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheMonitorNorTheOtherListeners() throws Exception {
        String bootstrap = TestBroker.bootstrapServers();
        AtomicInteger thrown = new AtomicInteger();
        List<ClusterSnapshot> heard = new CopyOnWriteArrayList<>();
        try (ClusterMonitor monitor = Monitors.started()) {
            monitor.addListener(s -> {
                thrown.incrementAndGet();
                throw new IllegalStateException("a broken page");
            });
            monitor.addListener(heard::add);
            String first = Names.unique("first");
            Kafka.createTopic(bootstrap, first, 1);
            awaitSnapshot(monitor, first, s -> s.topic(first).isPresent());
            await("the broken listener called").atMost(Duration.ofSeconds(5)).until(() -> thrown.get() > 0);

            String second = Names.unique("second");
            Kafka.createTopic(bootstrap, second, 1);

            await("the good listener hears of " + second).atMost(Duration.ofSeconds(10))
                    .until(() -> heard.stream().anyMatch(s -> s.topic(second).isPresent()));
            assertTrue(thrown.get() >= 2, "the broken listener stays registered: " + thrown.get());
        }
    }

    @Test
    void aClosedListenerHandleStopsTheCalls() throws Exception {
        String bootstrap = TestBroker.bootstrapServers();
        List<ClusterSnapshot> heard = new CopyOnWriteArrayList<>();
        try (ClusterMonitor monitor = Monitors.started()) {
            AutoCloseable handle = monitor.addListener(heard::add);
            awaitSnapshot(monitor, "a reachable snapshot", ClusterSnapshot::reachable);
            handle.close();
            int before = heard.size();
            String topic = Names.unique("unheard");
            Kafka.createTopic(bootstrap, topic, 1);
            awaitSnapshot(monitor, topic, s -> s.topic(topic).isPresent());

            assertEquals(before, heard.size());
        }
    }

    @Test
    void refreshNowPollsAtOnceInsteadOfAtTheNextInterval() {
        String bootstrap = TestBroker.bootstrapServers();
        try (ClusterMonitor monitor = new ClusterMonitor(new KafkaClients(bootstrap, Map.of()),
                new MonitorSettings(Duration.ofMinutes(5), Duration.ofMillis(1500), Duration.ofMinutes(10)),
                Clock.systemUTC())) {
            monitor.start();
            awaitSnapshot(monitor, "the first poll", ClusterSnapshot::reachable);
            String topic = Names.unique("refreshed");
            Kafka.createTopic(bootstrap, topic, 1);
            // The first refresh may come before the new topic reached the broker's metadata; ask again until seen.
            await(topic + " after refreshNow").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        monitor.refreshNow();
                        return monitor.latest().topic(topic).isPresent();
                    });
        }
    }

    @Test
    void whenTheBrokerStopsTheLastKnownStateIsKeptAsUnreachableAndWhenItIsBackSnapshotsAreReachableAgain(
            @TempDir Path dataDir) throws Exception {
        int port = FreePorts.next();
        String topic = Names.unique("durable");
        EmbeddedBroker broker = TestBroker.startOwn(dataDir, port);
        try (ClusterMonitor monitor = Monitors.started(broker.bootstrapServers())) {
            Kafka.createTopic(broker.bootstrapServers(), topic, 2);
            awaitSnapshot(monitor, topic, s -> s.topic(topic).isPresent());

            broker.close();
            ClusterSnapshot away = awaitSnapshot(monitor, "unreachable", s -> !s.reachable());
            assertTrue(away.problem().contains(NOT_ANSWERING), away.problem());
            assertTrue(away.topic(topic).isPresent(), "the last known topics are kept");

            broker = TestBroker.startOwn(dataDir, port);
            ClusterSnapshot back = awaitSnapshot(monitor, "reachable again", ClusterSnapshot::reachable);
            assertEquals(2, back.topic(topic).orElseThrow().partitions().size());
        } finally {
            broker.close();
        }
    }

}
