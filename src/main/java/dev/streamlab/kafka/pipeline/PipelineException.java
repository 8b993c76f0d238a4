package dev.streamlab.kafka.pipeline;

/** A pipeline cannot start or did not answer in time; the message is one line saying what and why. */
public final class PipelineException extends RuntimeException {

    public PipelineException(String message) {
        super(message);
    }

    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
