package dev.streamlab.engine;

/** A virtual clock that only moves when told to; for scenarios and tests. */
public final class ManualClock implements Clock {
    private long now;

    public ManualClock(long startMs) {
        this.now = startMs;
    }

    @Override
    public long nowMs() {
        return now;
    }

    /** Sets the time; it must not go backwards. */
    public void set(long ms) {
        if (ms < now) {
            throw new IllegalArgumentException("clock cannot go backwards: " + ms + " < " + now);
        }
        now = ms;
    }

    /** Moves the time forward by {@code ms >= 0}. */
    public void advance(long ms) {
        set(Math.addExact(now, ms));
    }
}
