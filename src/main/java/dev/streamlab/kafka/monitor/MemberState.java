package dev.streamlab.kafka.monitor;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** One member of a group with the partitions it currently owns, sorted by topic and partition. */
public record MemberState(String memberId, String clientId, String host, List<TopicPartitionRef> assignment) {
    public MemberState {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(host, "host");
        assignment = Lists.sortedUnique(assignment, a -> a, Comparator.naturalOrder(), "in member " + memberId + ", partition");
    }
}
