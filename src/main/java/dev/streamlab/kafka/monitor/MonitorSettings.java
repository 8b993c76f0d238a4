package dev.streamlab.kafka.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * How the cluster monitor polls: every {@code interval}, giving each Admin call {@code callTimeout} before calling
 * Kafka unreachable, and keeping {@code historyWindow} of group history. All three are positive; the call timeout
 * fits in an int of milliseconds, as Kafka's Admin options want.
 */
public record MonitorSettings(Duration interval, Duration callTimeout, Duration historyWindow) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(333);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMillis(1500);
    public static final Duration DEFAULT_HISTORY_WINDOW = Duration.ofMinutes(10);

    public MonitorSettings {
        requirePositive(interval, "interval");
        requirePositive(callTimeout, "callTimeout");
        requirePositive(historyWindow, "historyWindow");
        if (callTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("callTimeout must be at most " + Integer.MAX_VALUE + " ms, got "
                    + callTimeout.toMillis() + " ms");
        }
    }

    /** Three polls a second, 1.5 s per call, ten minutes of history. */
    public static MonitorSettings defaults() {
        return new MonitorSettings(DEFAULT_INTERVAL, DEFAULT_CALL_TIMEOUT, DEFAULT_HISTORY_WINDOW);
    }

    /** The call timeout in whole milliseconds, as Kafka's Admin options take it. */
    public int callTimeoutMs() {
        return (int) callTimeout.toMillis();
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.toMillis() == 0) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, got " + duration.toMillis() + " ms");
        }
    }
}
