package dev.streamlab.kafka.monitor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The generation the monitor reports for each group. A consumer-protocol group has its group epoch from Kafka.
 * Kafka's Admin API does not expose a classic group's generation, so for those this counts the changes of the
 * settled assignment (state Stable or Empty) the monitor observed, starting at 0 when it first saw the group
 * settled; the in-between states of a rebalance (members without partitions) do not count.
 */
final class ObservedGenerations {
    private static final Set<String> SETTLED = Set.of("Stable", "Empty");

    private final Map<String, Observed> groups = new HashMap<>();

    /** The generation of the group now; {@code epoch} is Kafka's group epoch, or null when Kafka gave none. */
    int generation(String groupId, Integer epoch, String state, Map<String, List<TopicPartitionRef>> assignment) {
        if (epoch != null) {
            groups.remove(groupId);
            return Math.max(0, epoch);
        }
        Observed seen = groups.get(groupId);
        if (!SETTLED.contains(state)) {
            return seen == null ? 0 : seen.count;
        }
        Map<String, List<TopicPartitionRef>> settled = Map.copyOf(assignment);
        if (seen == null) {
            groups.put(groupId, new Observed(settled, 0));
            return 0;
        }
        if (!seen.assignment.equals(settled)) {
            seen = new Observed(settled, seen.count + 1);
            groups.put(groupId, seen);
        }
        return seen.count;
    }

    /** Forgets groups that no longer exist, so a group created again under the same id starts afresh. */
    void retain(Set<String> groupIds) {
        groups.keySet().retainAll(groupIds);
    }

    private record Observed(Map<String, List<TopicPartitionRef>> assignment, int count) {
    }
}
