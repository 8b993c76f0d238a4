package dev.streamlab.kafka.actions;

/**
 * A group's new committed offset on one partition.
 *
 * @param offset   the offset of the next record the group will read
 * @param previous the committed offset before the reset, or null when the group had none there
 */
public record PartitionOffset(int partition, long offset, Long previous) {
}
