package dev.streamlab.kafka.guarantees;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.monitor.ClusterMonitor;
import dev.streamlab.kafka.monitor.ClusterSnapshot;
import dev.streamlab.kafka.monitor.GroupOffset;
import dev.streamlab.kafka.monitor.GroupState;
import dev.streamlab.kafka.monitor.MemberState;
import dev.streamlab.kafka.monitor.MonitorSettings;
import dev.streamlab.kafka.monitor.PartitionState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The consumer group(s) of the program chaos checks, as the lab's monitor sees them: every group that owns
 * partitions of the input or committed offsets on it, with its members and how far its committed offsets got
 * against the input's end. A group, once seen on the input, stays watched while it exists.
 */
final class GroupWatch implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofMillis(200);

    private final String input;
    private final ClusterMonitor monitor;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    GroupWatch(KafkaClients clients, String input) {
        this.input = input;
        this.monitor = new ClusterMonitor(clients, new MonitorSettings(INTERVAL,
                MonitorSettings.DEFAULT_CALL_TIMEOUT, Duration.ofMinutes(1)), Clock.systemUTC());
        monitor.start();
    }

    /** One group on the input at one poll. */
    record Group(String groupId, String state, long committed, List<MemberState> members) {
        /** Members that own at least one partition of {@code topic}. */
        List<MemberState> owners(String topic) {
            return members.stream().filter(m -> m.assignment().stream().anyMatch(tp -> tp.topic().equals(topic))).toList();
        }
    }

    /** What one poll saw: the groups on the input and the input's end (sum of its high watermarks). */
    record View(List<Group> groups, long inputEnd, boolean reachable) {
        /** The furthest any group's committed offsets got: the records the program has consumed for good. */
        long consumed() {
            return groups.stream().mapToLong(Group::committed).max().orElse(0);
        }
    }

    /** What the latest poll saw (at most one interval and a call old). */
    View view() {
        return view(monitor.latest());
    }

    /**
     * What a poll begun after this call sees: after a kill, the killed run's last commits are in it. Waits for that
     * poll up to the monitor's call timeout and a second, else gives the latest.
     */
    View freshView() throws InterruptedException {
        Instant asked = Instant.now();
        monitor.refreshNow();
        long giveUp = System.nanoTime() + MonitorSettings.DEFAULT_CALL_TIMEOUT.plusSeconds(1).toNanos();
        while (!monitor.latest().at().isAfter(asked) && System.nanoTime() < giveUp) {
            Thread.sleep(20);
        }
        return view(monitor.latest());
    }

    private View view(ClusterSnapshot snapshot) {
        long end = snapshot.topic(input).map(t -> t.partitions().stream().mapToLong(PartitionState::highWatermark)
                .map(h -> Math.max(0, h)).sum()).orElse(0L);
        List<Group> groups = snapshot.groups().stream().filter(this::onInput).map(this::group).toList();
        return new View(groups, end, snapshot.reachable());
    }

    private boolean onInput(GroupState group) {
        if (group.offsets().stream().anyMatch(o -> o.topic().equals(input))) {
            seen.add(group.groupId());
        }
        return seen.contains(group.groupId());
    }

    private Group group(GroupState group) {
        long committed = group.offsets().stream().filter(o -> o.topic().equals(input))
                .mapToLong(GroupOffset::committed).filter(c -> c > 0).sum();
        return new Group(group.groupId(), group.state(), committed, group.members());
    }

    @Override
    public void close() {
        monitor.close();
    }
}
