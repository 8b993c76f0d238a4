package dev.streamlab.kafka.actions;

/** A topic the lab created. */
public record TopicCreated(String name, int partitions) {
}
