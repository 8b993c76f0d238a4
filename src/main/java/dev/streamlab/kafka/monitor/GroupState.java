package dev.streamlab.kafka.monitor;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A consumer group (classic or consumer protocol) with members sorted by member id and offsets sorted by topic and
 * partition. {@code state} is Kafka's name for it (Stable, Empty, PreparingRebalance, ...); {@code type} is
 * "classic" or "consumer"; {@code protocol} is the assignor's name or "".
 *
 * <p>{@code generation}: for a consumer-protocol group it is the group epoch Kafka reports. Kafka's Admin API does
 * not expose a classic group's generation, so for a classic group it is the number of assignment changes this
 * monitor has observed since it first saw the group (0 at first sight), counted only when the group is settled
 * (Stable or Empty) so that one rebalance counts once.
 */
public record GroupState(String groupId, String state, String type, String protocol, int generation,
                         List<MemberState> members, List<GroupOffset> offsets) {
    public GroupState {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(protocol, "protocol");
        if (generation < 0) {
            throw new IllegalArgumentException("generation must not be negative, got " + generation);
        }
        members = Lists.sortedUnique(members, MemberState::memberId, Comparator.comparing(MemberState::memberId),
                "in group " + groupId + ", member");
        offsets = Lists.sortedUnique(offsets, GroupOffset::topicPartition,
                Comparator.comparing(GroupOffset::topicPartition), "in group " + groupId + ", offset of");
    }

    /** The sum of the lag over every partition the group has an offset or an assignment on. */
    public long totalLag() {
        return offsets.stream().mapToLong(GroupOffset::lag).sum();
    }

    public Optional<GroupOffset> offset(String topic, int partition) {
        return offsets.stream().filter(o -> o.topic().equals(topic) && o.partition() == partition).findFirst();
    }

    public Optional<MemberState> member(String memberId) {
        return members.stream().filter(m -> m.memberId().equals(memberId)).findFirst();
    }
}
