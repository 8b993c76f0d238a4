package dev.streamlab.kafka.monitor;

/**
 * A producer the partition leader remembers (Admin#describeProducers); {@code currentTransactionStartOffset} is the
 * offset where its open transaction began on this partition, or -1 when it has no open transaction here.
 */
public record ProducerState(long producerId, int producerEpoch, long lastSequence, long lastTimestamp,
                            long currentTransactionStartOffset) {
    public ProducerState {
        if (currentTransactionStartOffset < -1) {
            throw new IllegalArgumentException("currentTransactionStartOffset is an offset or -1, got "
                    + currentTransactionStartOffset);
        }
    }

    /** Whether this producer has a transaction open on the partition. */
    public boolean inTransaction() {
        return currentTransactionStartOffset >= 0;
    }
}
