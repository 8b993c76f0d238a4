package dev.streamlab.kafka.actions;

/**
 * {@code {"topic": "orders", "recordsPerSecond": 0}}: which topic the demo consumer reads, and how fast. 0 (or left
 * out) reads as fast as it can; a positive number makes a slow consumer, to watch lag build up.
 */
public record StartConsumerRequest(String topic, Integer recordsPerSecond) {
}
