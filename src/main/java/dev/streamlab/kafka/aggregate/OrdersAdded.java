package dev.streamlab.kafka.aggregate;

/** Orders the demo wrote at once, all acknowledged by Kafka: how many, and the first and last order id. */
public record OrdersAdded(String topic, int count, String firstOrderId, String lastOrderId) {
}
