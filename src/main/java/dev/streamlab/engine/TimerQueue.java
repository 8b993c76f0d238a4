package dev.streamlab.engine;

import java.util.PriorityQueue;

/** Pending timers, popped by ascending timestamp, ties in registration order (deterministic; Flink leaves it open). */
final class TimerQueue {

    /** A timer at {@code timestamp} for one window; it is valid only while the window's matching flag is still set. */
    record Timer(long timestamp, long seq, WindowState state) {
    }

    private final PriorityQueue<Timer> queue = new PriorityQueue<>((a, b) -> {
        int c = Long.compare(a.timestamp, b.timestamp);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private long seq;

    void add(long timestamp, WindowState state) {
        queue.add(new Timer(timestamp, seq++, state));
    }

    /** Removes and returns the earliest timer with {@code timestamp <= time}, or null. */
    Timer pollDue(long time) {
        Timer head = queue.peek();
        if (head == null || head.timestamp > time) {
            return null;
        }
        return queue.poll();
    }

    int size() {
        return queue.size();
    }
}
