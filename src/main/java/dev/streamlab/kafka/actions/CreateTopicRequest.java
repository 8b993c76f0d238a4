package dev.streamlab.kafka.actions;

/** {@code {"name": "orders", "partitions": 3}}; both are required. */
public record CreateTopicRequest(String name, Integer partitions) {
}
