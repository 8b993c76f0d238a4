package dev.streamlab.kafka.pipeline;

import dev.streamlab.engine.EngineConfig;

/**
 * What a {@link WindowedPipeline} reads, computes and writes: the input topic (whose partition count must equal
 * {@code config.partitions()}: Kafka partition p feeds engine partition p), the output topic for window firings and
 * the late topic for elements sent to the side output. The three topics must differ.
 */
public record PipelineSpec(String id, String inputTopic, String outputTopic, String lateTopic, EngineConfig config) {

    public PipelineSpec {
        require(id, "id");
        require(inputTopic, "inputTopic");
        require(outputTopic, "outputTopic");
        require(lateTopic, "lateTopic");
        if (config == null) {
            throw new PipelineException("config must not be null");
        }
        if (inputTopic.equals(outputTopic) || inputTopic.equals(lateTopic) || outputTopic.equals(lateTopic)) {
            throw new PipelineException("input, output and late topics must differ, were " + inputTopic + ", "
                    + outputTopic + ", " + lateTopic);
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new PipelineException(name + " must not be empty");
        }
    }
}
