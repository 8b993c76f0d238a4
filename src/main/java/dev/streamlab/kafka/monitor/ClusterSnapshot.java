package dev.streamlab.kafka.monitor;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the monitor saw of the cluster at one instant: topics sorted by name, groups by id, transactions by
 * transactional id, each name once. {@code problem} is null exactly when {@code reachable}; an unreachable snapshot
 * keeps the last known topics, groups and transactions so pages can keep drawing them.
 */
public record ClusterSnapshot(Instant at, boolean reachable, String problem, List<TopicState> topics,
                              List<GroupState> groups, List<TransactionState> transactions) {
    public ClusterSnapshot {
        Objects.requireNonNull(at, "at");
        if (reachable != (problem == null)) {
            throw new IllegalArgumentException("a reachable snapshot has no problem, an unreachable one has one");
        }
        topics = Lists.sortedUnique(topics, TopicState::name, Comparator.comparing(TopicState::name), "topic");
        groups = Lists.sortedUnique(groups, GroupState::groupId, Comparator.comparing(GroupState::groupId), "group");
        transactions = Lists.sortedUnique(transactions, TransactionState::transactionalId,
                Comparator.comparing(TransactionState::transactionalId), "transactional id");
    }

    /** Unreachable now; keeps {@code previous}'s topics, groups and transactions (none when previous is null). */
    public static ClusterSnapshot unreachable(Instant at, String problem, ClusterSnapshot previous) {
        Objects.requireNonNull(problem, "problem");
        return previous == null
                ? new ClusterSnapshot(at, false, problem, List.of(), List.of(), List.of())
                : new ClusterSnapshot(at, false, problem, previous.topics, previous.groups, previous.transactions);
    }

    public Optional<TopicState> topic(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<GroupState> group(String id) {
        return groups.stream().filter(g -> g.groupId().equals(id)).findFirst();
    }

    public Optional<TransactionState> transaction(String transactionalId) {
        return transactions.stream().filter(t -> t.transactionalId().equals(transactionalId)).findFirst();
    }

    /** Whether both say the same about the cluster, whenever they were taken ({@code at} is ignored). */
    public boolean sameContentAs(ClusterSnapshot other) {
        return other != null && reachable == other.reachable && Objects.equals(problem, other.problem)
                && topics.equals(other.topics) && groups.equals(other.groups)
                && transactions.equals(other.transactions);
    }
}
