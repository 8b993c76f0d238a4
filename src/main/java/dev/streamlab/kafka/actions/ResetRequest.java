package dev.streamlab.kafka.actions;

/**
 * {@code {"topic": "orders", "to": "earliest" | "latest" | "offset" | "time", "offset": 42, "time": "..."}}:
 * where a group should resume reading a topic. {@code offset} goes with {@code "to": "offset"} (the same offset on
 * every partition), {@code time} (epoch seconds, epoch millis or ISO-8601, as written) with {@code "to": "time"}.
 */
public record ResetRequest(String topic, String to, Long offset, String time) {
}
