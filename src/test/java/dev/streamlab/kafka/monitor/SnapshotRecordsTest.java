package dev.streamlab.kafka.monitor;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The records' rules: sorted, copied, validated; lag arithmetic; what unreachable keeps; settings. */
class SnapshotRecordsTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void aSnapshotSortsItsTopicsGroupsAndTransactionsAndRejectsTheSameNameTwice() {
        ClusterSnapshot snapshot = new ClusterSnapshot(T0, true, null, List.of(topic("b"), topic("a")),
                List.of(group("y"), group("x")), List.of());

        assertEquals(List.of("a", "b"), snapshot.topics().stream().map(TopicState::name).toList());
        assertEquals(List.of("x", "y"), snapshot.groups().stream().map(GroupState::groupId).toList());
        assertThrows(IllegalArgumentException.class, () -> new ClusterSnapshot(T0, true, null,
                List.of(topic("a"), topic("a")), List.of(), List.of()));
        assertThrows(UnsupportedOperationException.class, () -> snapshot.topics().add(topic("c")));
    }

    @Test
    void aSnapshotHasAProblemExactlyWhenItIsUnreachable() {
        assertThrows(IllegalArgumentException.class,
                () -> new ClusterSnapshot(T0, true, "oops", List.of(), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new ClusterSnapshot(T0, false, null, List.of(), List.of(), List.of()));
    }

    @Test
    void anUnreachableSnapshotKeepsThePreviousTopicsAndGroups() {
        ClusterSnapshot before = new ClusterSnapshot(T0, true, null, List.of(topic("a")), List.of(group("x")), List.of());

        ClusterSnapshot away = ClusterSnapshot.unreachable(T0.plusSeconds(2), "Kafka at h:1 is not answering", before);

        assertFalse(away.reachable());
        assertEquals(before.topics(), away.topics());
        assertEquals(before.groups(), away.groups());
        assertEquals(List.of(), ClusterSnapshot.unreachable(T0, "p", null).topics());
    }

    @Test
    void sameContentIgnoresOnlyTheTime() {
        ClusterSnapshot one = new ClusterSnapshot(T0, true, null, List.of(topic("a")), List.of(), List.of());

        assertTrue(one.sameContentAs(new ClusterSnapshot(T0.plusSeconds(9), true, null, List.of(topic("a")),
                List.of(), List.of())));
        assertFalse(one.sameContentAs(new ClusterSnapshot(T0, true, null, List.of(topic("b")), List.of(), List.of())));
        assertFalse(one.sameContentAs(null));
    }

    @Test
    void lagIsTheEndMinusTheCommitOrMinusTheLogStartWhenNothingIsCommitted() {
        assertEquals(6, GroupOffset.of("t", 0, 4, 0, 10).lag());
        assertEquals(7, GroupOffset.of("t", 0, -1, 3, 10).lag());
        assertEquals(0, GroupOffset.of("t", 0, 12, 0, 10).lag(), "a commit read after the end is no negative lag");
        assertEquals(0, GroupOffset.of("t", 0, 4, -1, -1).lag(), "unknown end");
        GroupState group = new GroupState("g", "Empty", "classic", "", 0, List.of(),
                List.of(GroupOffset.of("t", 1, 4, 0, 10), GroupOffset.of("t", 0, -1, 0, 5)));
        assertEquals(11, group.totalLag());
        assertEquals(List.of(0, 1), group.offsets().stream().map(GroupOffset::partition).toList());
    }

    @Test
    void aPartitionsOffsetsMustBeInOrder() {
        assertThrows(IllegalArgumentException.class,
                () -> new PartitionState(0, 1, List.of(1), List.of(1), 0, 5, 6, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new PartitionState(0, 1, List.of(1), List.of(1), 6, 5, 5, List.of()));
        assertEquals(3, new PartitionState(0, 1, List.of(1), List.of(1), 0, 5, 2, List.of()).unstableOffsets());
    }

    @Test
    void settingsDefaultToThreePollsASecondAndRejectDurationsUnderAMillisecond() {
        MonitorSettings defaults = MonitorSettings.defaults();
        assertEquals(Duration.ofMillis(333), defaults.interval());
        assertEquals(Duration.ofMillis(1500), defaults.callTimeout());
        assertEquals(Duration.ofMinutes(10), defaults.historyWindow());
        assertThrows(IllegalArgumentException.class,
                () -> new MonitorSettings(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new MonitorSettings(Duration.ofSeconds(1), Duration.ofMillis(-5), Duration.ofMinutes(1)));
        assertThrows(NullPointerException.class,
                () -> new MonitorSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), null));
    }

    private static TopicState topic(String name) {
        return new TopicState(name, false, List.of(new PartitionState(0, 1, List.of(1), List.of(1), 0, 0, 0, List.of())));
    }

    private static GroupState group(String id) {
        return new GroupState(id, "Empty", "classic", "", 0, List.of(), List.of());
    }
}
