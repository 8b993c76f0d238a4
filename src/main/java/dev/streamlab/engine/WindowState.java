package dev.streamlab.engine;

/** The contents and pending timers of one in-flight window of one key. */
final class WindowState {
    final KeyWindows owner;
    final TimeWindow window;
    final long maxTimestamp;
    final long cleanupTime;
    final Accumulator contents = new Accumulator();
    boolean timerAtMax;
    boolean timerAtCleanup;
    boolean inFlight = true;

    WindowState(KeyWindows owner, TimeWindow window, long cleanupTime) {
        this.owner = owner;
        this.window = window;
        this.maxTimestamp = window.maxTimestamp();
        this.cleanupTime = cleanupTime;
    }

    /** Deletes every pending timer and marks the window gone (cleared, merged away or retired). */
    void retire() {
        timerAtMax = false;
        timerAtCleanup = false;
        inFlight = false;
    }
}
