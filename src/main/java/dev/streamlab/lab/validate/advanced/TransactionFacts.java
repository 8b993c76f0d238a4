package dev.streamlab.lab.validate.advanced;

import java.util.List;
import java.util.Set;

/**
 * What the advanced checks may learn about producers and transactions: which producer ids Kafka keeps state for on a
 * topic's partitions (and on the partition of {@code __consumer_offsets} holding a group's commits), and which
 * transactional ids those producer ids belong to.
 */
public interface TransactionFacts {
    /** The producers Kafka remembers on each partition of {@code topic}; empty when the topic does not exist. */
    List<ProducerSeen> producers(String topic);

    /**
     * The partition of {@code __consumer_offsets} that holds {@code groupId}'s commits and the producers that wrote
     * to it. A producer that commits offsets in a transaction writes there under its own producer id; a consumer's
     * own commit does not leave a producer id.
     */
    OffsetsPartition offsetsPartition(String groupId);

    /** The transactions the coordinators know for these producer ids (none for a producer without a transactional id). */
    List<Transaction> transactions(Set<Long> producerIds);

    /** One producer id with the highest epoch Kafka saw from it on one partition. */
    record ProducerSeen(String topic, int partition, long producerId, int epoch) {
    }

    /** {@code __consumer_offsets}-{@code partition} and its producers; partition -1 when no group ever committed. */
    record OffsetsPartition(int partition, List<ProducerSeen> producers) {
        public OffsetsPartition {
            producers = List.copyOf(producers);
        }

        public String name() {
            return "__consumer_offsets-" + partition;
        }
    }

    /** A transactional id, the producer id and epoch it has now, and its state (e.g. CompleteCommit, Ongoing). */
    record Transaction(String transactionalId, long producerId, int epoch, String state) {
    }
}
