package dev.streamlab.kafka.actions;

import java.util.Map;

/**
 * One record to write. Only {@code value} is usually given; the rest is optional:
 * {@code key} (null: no key), {@code partition} (null: Kafka chooses), {@code eventTime} (epoch seconds, epoch millis
 * or ISO-8601, as written in the request; null: now) and {@code headers}. A null {@code value} writes a tombstone.
 */
public record ProduceRequest(String key, String value, Integer partition, String eventTime, Map<String, String> headers) {
}
