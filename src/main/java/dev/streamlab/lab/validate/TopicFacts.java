package dev.streamlab.lab.validate;

import java.util.List;
import java.util.Optional;

/** What a check may learn about a topic: its partitions with their first and next offsets. */
public interface TopicFacts {
    /** The topic as it stands, or empty when it does not exist. */
    Optional<Topic> topic(String name);

    /** A topic's partitions, in partition order. */
    record Topic(String name, List<Partition> partitions) {
        public Topic {
            partitions = List.copyOf(partitions);
        }

        public long records() {
            return partitions.stream().mapToLong(p -> p.endOffset() - p.logStart()).sum();
        }
    }

    /** A partition whose log holds offsets {@code [logStart, endOffset)}. */
    record Partition(int partition, long logStart, long endOffset) {
    }
}
