package dev.streamlab.kafka.monitor;

import java.util.Objects;

/**
 * Where a group stands on one partition: {@code committed} is -1 when the group committed nothing there;
 * {@code endOffset} is the high watermark (-1 when unknown); {@code lag} is endOffset - committed, or
 * endOffset - log start when nothing is committed, never negative and 0 when the end is unknown.
 */
public record GroupOffset(String topic, int partition, long committed, long endOffset, long lag) {
    public GroupOffset {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, got " + partition);
        }
        if (committed < -1 || endOffset < -1 || lag < 0) {
            throw new IllegalArgumentException("committed and endOffset are >= -1 and lag >= 0, got " + committed
                    + ", " + endOffset + ", " + lag + " for " + topic + "-" + partition);
        }
    }

    /** The offset and lag of a group on a partition whose log starts at {@code logStart} and ends at {@code end}. */
    public static GroupOffset of(String topic, int partition, long committed, long logStart, long end) {
        long from = committed >= 0 ? committed : logStart;
        long lag = end >= 0 && from >= 0 ? Math.max(0, end - from) : 0;
        return new GroupOffset(topic, partition, committed, end, lag);
    }

    public TopicPartitionRef topicPartition() {
        return new TopicPartitionRef(topic, partition);
    }
}
