package dev.streamlab.kafka.monitor;

import dev.streamlab.kafka.monitor.GroupEvent.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** History on hand-made snapshots and a fixed clock: what it keeps, for how long, and which events it finds. */
class MonitorHistoryTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private final MonitorHistory history = new MonitorHistory(Duration.ofMinutes(10));

    @Test
    void aCommittedOffsetThatGoesBackIsAnOffsetsResetNamingThePartitionAndBothOffsets() {
        history.record(snapshot(T0, group("billing", 1, List.of(), offset("orders", 1, 120, 150))));
        history.record(snapshot(T0.plusSeconds(1), group("billing", 1, List.of(), offset("orders", 1, 0, 150))));

        List<GroupEvent> events = history.events("billing");
        assertEquals(1, events.size(), events::toString);
        GroupEvent reset = events.get(0);
        assertEquals(Kind.OFFSETS_RESET, reset.kind());
        assertEquals("orders", reset.topic());
        assertEquals(1, reset.partition());
        assertEquals(120, reset.from());
        assertEquals(0, reset.to());
        assertEquals(T0.plusSeconds(1), reset.at());
        assertEquals("committed offset of orders-1 went back from 120 to 0: the group's offsets were reset and it"
                + " will re-read", reset.detail());
    }

    @Test
    void committedOffsetsThatMoveForwardOrAppearAreNoEvent() {
        history.record(snapshot(T0, group("billing", 1, List.of(), offset("orders", 0, -1, 10))));
        history.record(snapshot(T0.plusSeconds(1), group("billing", 1, List.of(), offset("orders", 0, 4, 10))));
        history.record(snapshot(T0.plusSeconds(2), group("billing", 1, List.of(), offset("orders", 0, 10, 10))));

        assertEquals(List.of(), history.events());
        assertEquals(List.of(10L, 6L, 0L), history.samples("billing").stream().map(GroupSample::totalLag).toList());
    }

    @Test
    void membersJoiningAndLeavingAndANewGenerationAreEvents() {
        history.record(snapshot(T0, group("billing", 1, List.of(member("m1", "orders-0", "orders-1")))));
        history.record(snapshot(T0.plusSeconds(1), group("billing", 2,
                List.of(member("m1", "orders-0"), member("m2", "orders-1")))));
        history.record(snapshot(T0.plusSeconds(2), group("billing", 3, List.of(member("m2", "orders-0", "orders-1")))));

        assertEquals(List.of(Kind.MEMBER_JOINED, Kind.REASSIGNED, Kind.MEMBER_LEFT, Kind.REASSIGNED),
                history.events("billing").stream().map(GroupEvent::kind).toList());
        GroupEvent joined = history.events("billing").get(0);
        assertEquals(1, joined.from());
        assertEquals(2, joined.to());
        assertTrue(joined.detail().contains("m2"), joined.detail());
        GroupEvent reassigned = history.events("billing").get(1);
        assertEquals(1, reassigned.from());
        assertEquals(2, reassigned.to());
        assertEquals("group billing rebalanced (generation 1 -> 2): client-m1 has orders-0; client-m2 has orders-1",
                reassigned.detail());
    }

    @Test
    void theFirstSnapshotIsABaselineAndAGroupThatAppearsLaterHasItsMembersJoin() {
        history.record(snapshot(T0, group("old", 4, List.of(member("m1", "orders-0")))));
        history.record(snapshot(T0.plusSeconds(1), group("old", 4, List.of(member("m1", "orders-0"))),
                group("new", 1, List.of(member("n1", "orders-0")))));

        assertEquals(List.of(), history.events("old"));
        assertEquals(List.of(Kind.MEMBER_JOINED), history.events("new").stream().map(GroupEvent::kind).toList());
    }

    @Test
    void aGroupThatDisappearsHasItsCommittedOffsetsDeleted() {
        history.record(snapshot(T0, group("billing", 1, List.of(), offset("orders", 0, 7, 9), offset("orders", 1, -1, 9))));
        history.record(snapshot(T0.plusSeconds(1)));

        List<GroupEvent> events = history.events("billing");
        assertEquals(List.of(Kind.OFFSETS_DELETED), events.stream().map(GroupEvent::kind).toList());
        assertEquals(7, events.get(0).from());
        assertEquals(-1, events.get(0).to());
    }

    @Test
    void unreachableSnapshotsAddNoSamplesAndNoEvents() {
        ClusterSnapshot seen = snapshot(T0, group("billing", 1, List.of(), offset("orders", 0, 50, 60)));
        history.record(seen);
        history.record(ClusterSnapshot.unreachable(T0.plusSeconds(5), "Kafka at x:1 is not answering", null));
        history.record(ClusterSnapshot.unreachable(T0.plusSeconds(6), "Kafka at x:1 is not answering", seen));

        assertEquals(1, history.samples("billing").size());
        assertEquals(List.of(), history.events());
    }

    @Test
    void aGroupWhoseLagChangesEveryPollIsSampledAtMostOncePerSecond() {
        for (int i = 0; i <= 30; i++) {
            history.record(snapshot(T0.plusMillis(100L * i), group("billing", 1, List.of(), offset("orders", 0, i, 100))));
        }

        List<GroupSample> samples = history.samples("billing");
        assertEquals(List.of(T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3)),
                samples.stream().map(GroupSample::at).toList());
        assertEquals(List.of(0L, 10L, 20L, 30L), samples.stream().map(s -> s.offsets().get(0).committed()).toList());
    }

    @Test
    void aShortLivedResetKeepsItsOwnSampleAndTheNewestSampleIsTheGroupAsLastSeen() {
        history.record(snapshot(T0, group("billing", 1, List.of(), offset("orders", 0, 20, 20))));
        history.record(snapshot(T0.plusMillis(100), group("billing", 1, List.of(), offset("orders", 0, 0, 20))));
        history.record(snapshot(T0.plusMillis(200), group("billing", 1, List.of(), offset("orders", 0, 15, 20))));
        history.record(snapshot(T0.plusMillis(300), group("billing", 1, List.of(), offset("orders", 0, 20, 20))));

        assertEquals(List.of(20L, 0L, 20L), history.samples("billing").stream()
                .map(s -> s.offsets().get(0).committed()).toList());
        assertEquals(T0.plusMillis(300), history.samples("billing").get(2).at());
    }

    @Test
    void aMembershipChangeIsSampledAtOnceEvenWithinASecond() {
        history.record(snapshot(T0, group("billing", 1, List.of(member("m1")))));
        history.record(snapshot(T0.plusMillis(300), group("billing", 2, List.of(member("m1"), member("m2")))));

        assertEquals(List.of(List.of("m1"), List.of("m1", "m2")),
                history.samples("billing").stream().map(GroupSample::memberIds).toList());
    }

    @Test
    void samplesAndEventsOlderThanTheWindowAreDroppedButAPresentGroupKeepsItsNewestSample() {
        history.record(snapshot(T0, group("billing", 1, List.of(), offset("orders", 0, 50, 60)),
                group("gone", 1, List.of(), offset("orders", 0, 5, 60))));
        history.record(snapshot(T0.plusSeconds(1), group("billing", 1, List.of(), offset("orders", 0, 10, 60))));
        history.record(snapshot(T0.plusSeconds(2), group("billing", 1, List.of(), offset("orders", 0, 20, 60))));
        assertEquals(2, history.events().size(), history.events()::toString);

        history.record(snapshot(T0.plusSeconds(1).plus(Duration.ofMinutes(10)).plusMillis(1),
                group("billing", 1, List.of(), offset("orders", 0, 20, 60))));

        assertEquals(List.of(T0.plusSeconds(2)), history.samples("billing").stream().map(GroupSample::at).toList());
        assertEquals(List.of(), history.samples("gone"));
        assertEquals(List.of(), history.events());
    }

    @Test
    void eachGroupKeepsAtMostItsMaximumOfSamplesAndTheHistoryItsMaximumOfEvents() {
        MonitorHistory small = new MonitorHistory(Duration.ofMinutes(10), 3, 2);
        for (int i = 0; i < 10; i++) {
            small.record(snapshot(T0.plusSeconds(i), group("billing", 1, List.of(), offset("orders", 0, 10 - i, 20))));
        }

        assertEquals(List.of(T0.plusSeconds(7), T0.plusSeconds(8), T0.plusSeconds(9)),
                small.samples("billing").stream().map(GroupSample::at).toList());
        assertEquals(List.of(T0.plusSeconds(8), T0.plusSeconds(9)), small.events().stream().map(GroupEvent::at).toList());
    }

    @Test
    void aHistoryWithoutRoomIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MonitorHistory(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new MonitorHistory(Duration.ofMinutes(1), 0, 1));
    }

    static ClusterSnapshot snapshot(Instant at, GroupState... groups) {
        return new ClusterSnapshot(at, true, null, List.of(), List.of(groups), List.of());
    }

    static GroupState group(String id, int generation, List<MemberState> members, GroupOffset... offsets) {
        return new GroupState(id, members.isEmpty() ? "Empty" : "Stable", "classic", "range", generation, members,
                List.of(offsets));
    }

    static MemberState member(String id, String... partitions) {
        return new MemberState(id, "client-" + id, "/127.0.0.1", java.util.Arrays.stream(partitions)
                .map(p -> new TopicPartitionRef(p.substring(0, p.lastIndexOf('-')),
                        Integer.parseInt(p.substring(p.lastIndexOf('-') + 1)))).toList());
    }

    static GroupOffset offset(String topic, int partition, long committed, long end) {
        return GroupOffset.of(topic, partition, committed, 0, end);
    }
}
