package dev.streamlab.kafka.monitor;

import java.util.Comparator;
import java.util.Objects;

/** One partition of one topic, named as Kafka names it ({@code orders-1}); the partition number is never negative. */
public record TopicPartitionRef(String topic, int partition) implements Comparable<TopicPartitionRef> {
    private static final Comparator<TopicPartitionRef> ORDER =
            Comparator.comparing(TopicPartitionRef::topic).thenComparingInt(TopicPartitionRef::partition);

    public TopicPartitionRef {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, got " + partition);
        }
    }

    /** Sorted by topic, then partition. */
    @Override
    public int compareTo(TopicPartitionRef other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
