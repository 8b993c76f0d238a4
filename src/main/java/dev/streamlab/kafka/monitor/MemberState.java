package dev.streamlab.kafka.monitor;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One member of a group with the partitions it currently owns, sorted by topic and partition.
 * {@code groupInstanceId} is its static membership id ({@code group.instance.id}), or null for a dynamic member.
 */
public record MemberState(String memberId, String clientId, String host, List<TopicPartitionRef> assignment,
                          String groupInstanceId) {
    public MemberState {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(host, "host");
        assignment = Lists.sortedUnique(assignment, a -> a, Comparator.naturalOrder(), "in member " + memberId + ", partition");
    }

    /** A dynamic member (no {@code group.instance.id}). */
    public MemberState(String memberId, String clientId, String host, List<TopicPartitionRef> assignment) {
        this(memberId, clientId, host, assignment, null);
    }
}
