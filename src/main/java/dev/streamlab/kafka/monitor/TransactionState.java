package dev.streamlab.kafka.monitor;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A transactional id as its coordinator describes it: {@code state} is Kafka's name (Ongoing, PrepareCommit,
 * CompleteCommit, Empty, ...); {@code transactionStartTimeMs} is when the open transaction started or, when none is
 * open, the last one (Kafka keeps it), -1 when none ever did; {@code partitions} (sorted) are those the open
 * transaction has written to.
 */
public record TransactionState(String transactionalId, String state, long producerId, int producerEpoch,
                               long transactionStartTimeMs, List<TopicPartitionRef> partitions) {
    public TransactionState {
        Objects.requireNonNull(transactionalId, "transactionalId");
        Objects.requireNonNull(state, "state");
        if (transactionStartTimeMs < -1) {
            throw new IllegalArgumentException("transactionStartTimeMs is a time or -1, got " + transactionStartTimeMs);
        }
        partitions = Lists.sortedUnique(partitions, p -> p, Comparator.naturalOrder(),
                "in transaction " + transactionalId + ", partition");
    }

    /** Whether a transaction is open (Ongoing) or being finished (PrepareCommit, PrepareAbort). */
    public boolean open() {
        return state.equals("Ongoing") || state.startsWith("Prepare");
    }
}
