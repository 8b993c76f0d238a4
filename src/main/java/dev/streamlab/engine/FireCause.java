package dev.streamlab.engine;

/** Why a window fired: Flink's EventTimeTrigger timer path, its onElement path, the final watermark, or a processing-time timer. */
public enum FireCause {
    /** The watermark advanced to at least the window's {@code end - 1} (event-time timer). */
    WATERMARK,
    /** A late but allowed element was added to a window that was already due ({@code maxTimestamp <= watermark}). */
    ELEMENT,
    /** End of input: the final watermark {@code Long.MAX_VALUE}. */
    END_OF_INPUT,
    /** The processing-time clock reached the window's {@code end - 1}. */
    PROCESSING_TIME
}
