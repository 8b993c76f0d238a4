package dev.streamlab.engine;

/** A window is the half-open interval {@code [start, end)}; its last millisecond is {@code maxTimestamp() = end - 1}. */
public record TimeWindow(long start, long end) {

    public TimeWindow {
        if (end <= start) {
            throw new IllegalArgumentException("window end must be greater than start: [" + start + ", " + end + ")");
        }
    }

    /** The last millisecond inside the window, {@code end - 1}: Flink's {@code maxTimestamp()}. */
    public long maxTimestamp() {
        return end - 1;
    }

    /** True if the windows overlap or merely touch (inclusive, as Flink's {@code TimeWindow.intersects}). */
    public boolean intersects(TimeWindow other) {
        return start <= other.end && end >= other.start;
    }

    /** The smallest window covering both. */
    public TimeWindow cover(TimeWindow other) {
        return new TimeWindow(Math.min(start, other.start), Math.max(end, other.end));
    }

    /**
     * Flink's {@code getWindowStartWithOffset}: the start of the window of length {@code size} aligned to
     * {@code offset} that contains {@code timestamp} (also for negative timestamps).
     */
    public static long startWithOffset(long timestamp, long offset, long size) {
        long remainder = (timestamp - offset) % size;
        return remainder < 0 ? timestamp - (remainder + size) : timestamp - remainder;
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
