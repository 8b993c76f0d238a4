package dev.streamlab.lab.validate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a check may learn about a consumer group: where it stands now, and what the lab saw it do while the lab was
 * running (its committed offsets over time and the times they went back).
 */
public interface GroupFacts {
    /** The group now, or empty when Kafka does not know it. */
    Optional<Group> group(String groupId);

    /** The group's committed offsets as the lab sampled them, oldest first (empty when never seen). */
    List<Sample> history(String groupId);

    /** Each time one of the group's committed offsets moved backwards, oldest first. */
    List<Rewind> rewinds(String groupId);

    /** A group now: its state (e.g. Stable, Empty), how many members, its committed offsets by "topic-partition". */
    record Group(String id, String state, int members, Map<String, Long> committed) {
        public Group {
            committed = Map.copyOf(committed);
        }

        public Map<Integer, Long> committed(String topic) {
            Map<Integer, Long> byPartition = new java.util.TreeMap<>();
            committed.forEach((tp, offset) -> {
                int dash = tp.lastIndexOf('-');
                if (tp.substring(0, dash).equals(topic)) {
                    byPartition.put(Integer.parseInt(tp.substring(dash + 1)), offset);
                }
            });
            return byPartition;
        }
    }

    /** The group's committed offsets by "topic-partition" at one instant. */
    record Sample(Instant at, int members, Map<String, Long> committed) {
        public Sample {
            committed = Map.copyOf(committed);
        }
    }

    /** A committed offset of {@code topic}-{@code partition} went back from {@code from} to {@code to}. */
    record Rewind(Instant at, String topic, int partition, long from, long to) {
    }
}
