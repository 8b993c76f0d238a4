package dev.streamlab.engine;

/** An input element: key, event timestamp in ms, numeric value, and the input partition (>= 0) it arrives on. */
public record Event(String key, long ts, double value, int partition) {

    public Event {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (ts == Long.MIN_VALUE) {
            throw new IllegalArgumentException("Record has Long.MIN_VALUE timestamp");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, was " + partition);
        }
    }

    public Event(String key, long ts, double value) {
        this(key, ts, value, 0);
    }
}
