package dev.streamlab.kafka.pipeline;

/**
 * Hears what a pipeline does, on the pipeline's own thread (so keep it quick); an exception thrown here is logged and
 * never stops the pipeline.
 */
public interface PipelineListener {

    /** Does nothing. */
    PipelineListener NONE = step -> { };

    /** One input record was fed to the engine (or end of input, partition {@code -1}). */
    void onStep(PipelineStep step);

    /** A record could not be read (not JSON, not an object, a bad field); it was counted and skipped. */
    default void onUnreadable(int partition, long offset, String reason) {
    }
}
