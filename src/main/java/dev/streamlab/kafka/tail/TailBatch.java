package dev.streamlab.kafka.tail;

import java.util.List;
import java.util.Objects;

/** Records of one topic that arrived together, in offset order within each partition. */
public record TailBatch(String topic, Isolation isolation, List<TailRecord> records) {
    public TailBatch {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(isolation, "isolation");
        records = List.copyOf(records);
        for (TailRecord record : records) {
            if (!record.topic().equals(topic)) {
                throw new IllegalArgumentException("a batch of " + topic + " cannot hold a record of " + record.topic());
            }
        }
    }
}
