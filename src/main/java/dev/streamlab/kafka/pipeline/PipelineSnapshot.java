package dev.streamlab.kafka.pipeline;

import java.util.List;

/**
 * A pipeline's state after some record: the combined watermark ({@code Long.MIN_VALUE} before the first,
 * {@code Long.MAX_VALUE} after end of input), each partition's own watermark, the partitions currently idle, and
 * counts of events fed to the engine, firings and late elements written, and records that could not be read.
 * {@code problem} is the last error writing to Kafka, or {@code null}.
 */
public record PipelineSnapshot(long watermark, List<Long> partitionWatermarks, List<Integer> idlePartitions,
                               long eventsProcessed, long firings, long late, long unreadable, boolean ended,
                               String problem) {

    public PipelineSnapshot {
        partitionWatermarks = List.copyOf(partitionWatermarks);
        idlePartitions = List.copyOf(idlePartitions);
    }
}
