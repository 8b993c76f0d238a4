package dev.streamlab.kafka.monitor;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A topic with its partitions sorted by number, each number once; {@code internal} is true for Kafka's own topics. */
public record TopicState(String name, boolean internal, List<PartitionState> partitions) {
    public TopicState {
        Objects.requireNonNull(name, "name");
        partitions = Lists.sortedUnique(partitions, PartitionState::partition,
                Comparator.comparingInt(PartitionState::partition), "in topic " + name + ", partition");
    }

    public Optional<PartitionState> partition(int number) {
        return partitions.stream().filter(p -> p.partition() == number).findFirst();
    }

    /** Records in the topic now: the sum over partitions of high watermark minus log start (unknown counts as 0). */
    public long records() {
        return partitions.stream()
                .filter(p -> p.highWatermark() >= 0 && p.logStartOffset() >= 0)
                .mapToLong(p -> p.highWatermark() - p.logStartOffset()).sum();
    }
}
