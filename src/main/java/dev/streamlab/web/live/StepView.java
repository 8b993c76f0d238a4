package dev.streamlab.web.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.kafka.pipeline.PipelineSnapshot;
import dev.streamlab.kafka.pipeline.PipelineStep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pipeline step as the time lab's page reads it: the input record, and the engine's log entries each tagged with
 * its {@code type} (the entry's record name: ElementAssigned, WindowFired, WatermarkAdvanced...).
 */
public record StepView(int index, int partition, long offset, String key, long eventTime, long arrivalMs,
                       List<Map<String, Object>> log, PipelineSnapshot after) {

    @SuppressWarnings("unchecked")
    public static StepView of(int index, PipelineStep step, ObjectMapper json) {
        List<Map<String, Object>> log = step.log().stream().map(entry -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("type", entry.getClass().getSimpleName());
            view.putAll(json.convertValue(entry, Map.class));
            return view;
        }).toList();
        return new StepView(index, step.partition(), step.offset(), step.key(), step.eventTime(), step.arrivalMs(), log,
                step.after());
    }
}
