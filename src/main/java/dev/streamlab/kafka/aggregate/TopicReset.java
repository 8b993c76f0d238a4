package dev.streamlab.kafka.aggregate;

/** A demo topic deleted and created again, empty, with this many partitions. */
public record TopicReset(String topic, int partitions) {
}
