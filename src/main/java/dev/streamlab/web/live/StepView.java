package dev.streamlab.web.live;

import dev.streamlab.engine.LogEntry;
import dev.streamlab.kafka.pipeline.PipelineSnapshot;
import dev.streamlab.kafka.pipeline.PipelineStep;

import java.util.List;

/**
 * One pipeline step as the time lab's page reads it: the input record, the engine's log entries (each written with
 * its {@code type}, the entry's record name, by {@link LiveJson}) and the pipeline's state after it. Built on the
 * pipeline's thread for every record, so it only wraps: JSON is written later, and only for the steps a page is sent.
 */
public record StepView(int index, int partition, long offset, String key, long eventTime, long arrivalMs,
                       List<LogEntry> log, PipelineSnapshot after) {

    public static StepView of(int index, PipelineStep step) {
        return new StepView(index, step.partition(), step.offset(), step.key(), step.eventTime(), step.arrivalMs(),
                step.log(), step.after());
    }
}
