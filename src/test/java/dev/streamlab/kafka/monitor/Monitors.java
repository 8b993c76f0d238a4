package dev.streamlab.kafka.monitor;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.TestBroker;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Monitors for tests: started on the shared broker (or any address), and a way to wait for what they see. */
final class Monitors {
    /** Faster than the lab's default, so tests wait less; the same call timeout as the lab. */
    static final MonitorSettings FAST = new MonitorSettings(Duration.ofMillis(100), Duration.ofMillis(1500),
            Duration.ofMinutes(10));

    private Monitors() {
    }

    static ClusterMonitor started() {
        return started(TestBroker.bootstrapServers());
    }

    static ClusterMonitor started(String bootstrapServers) {
        ClusterMonitor monitor = new ClusterMonitor(new KafkaClients(bootstrapServers, Map.of()), FAST,
                Clock.systemUTC());
        monitor.start();
        return monitor;
    }

    /** Waits (20 s at most) for a snapshot that matches, and returns it. */
    static ClusterSnapshot awaitSnapshot(ClusterMonitor monitor, String what, Predicate<ClusterSnapshot> condition) {
        AtomicReference<ClusterSnapshot> match = new AtomicReference<>();
        await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            ClusterSnapshot snapshot = monitor.latest();
            if (condition.test(snapshot)) {
                match.set(snapshot);
                return true;
            }
            return false;
        });
        return match.get();
    }

    /** Waits for a reachable snapshot where the group exists and matches, and returns the group. */
    static GroupState awaitGroup(ClusterMonitor monitor, String groupId, String what, Predicate<GroupState> condition) {
        return awaitSnapshot(monitor, what, s -> s.reachable() && s.group(groupId).filter(condition).isPresent())
                .group(groupId).orElseThrow();
    }
}
