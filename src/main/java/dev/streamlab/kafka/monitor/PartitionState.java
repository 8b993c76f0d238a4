package dev.streamlab.kafka.monitor;

import java.util.Comparator;
import java.util.List;

/**
 * One partition as its leader sees it: offsets satisfy logStartOffset &lt;= lastStableOffset &lt;= highWatermark,
 * and the last stable offset (ListOffsets latest with READ_COMMITTED) stays below the high watermark while a
 * transaction is open. {@code leader} is -1 when the partition has no leader; an offset is -1 when the leader
 * did not tell it this time (for example right after the topic was created). {@code activeProducers} is sorted by
 * producer id and always empty for internal topics, which the monitor does not ask about.
 */
public record PartitionState(int partition, int leader, List<Integer> replicas, List<Integer> isr,
                             long logStartOffset, long highWatermark, long lastStableOffset,
                             List<ProducerState> activeProducers) {
    public PartitionState {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, got " + partition);
        }
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
        activeProducers = Lists.sortedUnique(activeProducers, ProducerState::producerId,
                Comparator.comparingLong(ProducerState::producerId), "producer id");
        if (logStartOffset < -1 || highWatermark < -1 || lastStableOffset < -1) {
            throw new IllegalArgumentException("offsets are >= 0 or -1 for unknown, got " + logStartOffset + ", "
                    + highWatermark + ", " + lastStableOffset + " for partition " + partition);
        }
        if (logStartOffset >= 0 && highWatermark >= 0 && logStartOffset > highWatermark) {
            throw new IllegalArgumentException("log start offset " + logStartOffset + " is after the high watermark "
                    + highWatermark + " of partition " + partition);
        }
        if (lastStableOffset >= 0 && highWatermark >= 0 && lastStableOffset > highWatermark) {
            throw new IllegalArgumentException("last stable offset " + lastStableOffset
                    + " is after the high watermark " + highWatermark + " of partition " + partition);
        }
    }

    /** Offsets a read_committed consumer cannot read yet because a transaction is still open: HW - LSO, or 0. */
    public long unstableOffsets() {
        return highWatermark >= 0 && lastStableOffset >= 0 ? highWatermark - lastStableOffset : 0;
    }
}
