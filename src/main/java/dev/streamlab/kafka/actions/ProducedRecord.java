package dev.streamlab.kafka.actions;

/**
 * Where Kafka wrote a record.
 *
 * @param timestamp     the record's timestamp in epoch milliseconds, as the broker stored it
 * @param timestampText where that timestamp came from (the request's event time, or the moment of sending)
 */
public record ProducedRecord(String topic, int partition, long offset, long timestamp, String timestampText,
                             PartitionReason reason) {
}
