package dev.streamlab.kafka.pipeline;

import dev.streamlab.engine.LogEntry;

import java.util.List;

/**
 * What one input record did: the engine's log entries it caused, in order, and the pipeline's state after it.
 * The step for end of input has partition and offset {@code -1}, key {@code null} and event time {@code Long.MAX_VALUE}.
 */
public record PipelineStep(int partition, long offset, String key, long eventTime, long arrivalMs, List<LogEntry> log,
                           PipelineSnapshot after) {

    public PipelineStep {
        log = List.copyOf(log);
    }
}
