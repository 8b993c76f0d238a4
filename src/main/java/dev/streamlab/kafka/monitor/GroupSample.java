package dev.streamlab.kafka.monitor;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A group at one instant, as history keeps it: member ids sorted, offsets sorted by topic and partition. */
public record GroupSample(Instant at, int generation, List<String> memberIds, List<GroupOffset> offsets) {
    public GroupSample {
        Objects.requireNonNull(at, "at");
        memberIds = Lists.sorted(memberIds, Comparator.naturalOrder());
        offsets = Lists.sorted(offsets, Comparator.comparing(GroupOffset::topicPartition));
    }

    /** The sample of {@code group} taken at {@code at}. */
    public static GroupSample of(Instant at, GroupState group) {
        return new GroupSample(at, group.generation(), group.members().stream().map(MemberState::memberId).toList(),
                group.offsets());
    }

    /** The sum of the lag over every partition in the sample. */
    public long totalLag() {
        return offsets.stream().mapToLong(GroupOffset::lag).sum();
    }

    /** Whether both say the same about the group, whenever they were taken. */
    boolean sameContentAs(GroupSample other) {
        return generation == other.generation && memberIds.equals(other.memberIds) && offsets.equals(other.offsets);
    }
}
