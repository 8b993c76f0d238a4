package dev.streamlab.kafka.actions;

/**
 * Why a record landed in its partition.
 *
 * @param kind       {@code key-hash} (the key decided), {@code chosen} (the request named the partition) or
 *                   {@code sticky} (no key: the sticky partitioner decided)
 * @param text       the reason in a sentence, with the numbers
 * @param hash       the key's positive murmur2 hash, as Kafka's partitioner computes it; null without a key
 * @param partitions how many partitions the topic has
 */
public record PartitionReason(String kind, String text, Integer hash, int partitions) {
    public static final String KEY_HASH = "key-hash";
    public static final String CHOSEN = "chosen";
    public static final String STICKY = "sticky";
}
