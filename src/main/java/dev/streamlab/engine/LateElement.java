package dev.streamlab.engine;

/** An element sent to the late side output: all its windows had expired (or it had none) and {@code ts + lateness <= watermark}. */
public record LateElement(long event, String key, long ts, int partition, long watermark, long allowedLatenessMs,
                          Reason reason) {

    /** Which rule put the element on the side output. */
    public enum Reason {
        /** Every window the element belongs to was past cleanup ({@code end - 1 + lateness <= watermark}). */
        ALL_WINDOWS_EXPIRED,
        /** The element falls into no window (a gap of sliding windows with {@code slide > size}). */
        IN_NO_WINDOW
    }

    public LateElement {
        if (key == null || reason == null) {
            throw new IllegalArgumentException("key and reason must not be null");
        }
    }
}
