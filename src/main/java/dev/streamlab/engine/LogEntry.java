package dev.streamlab.engine;

import java.util.List;

/** One step of the engine's ordered log; each record states what happened and why. */
public sealed interface LogEntry {

    /** The element was added to {@code windows}; {@code expiredWindows} were past cleanup and ignored it (Flink adds it to no late window). */
    record ElementAssigned(TimeDomain domain, long event, String key, long ts, int partition,
                           List<TimeWindow> windows, List<TimeWindow> expiredWindows) implements LogEntry {
        public ElementAssigned {
            windows = List.copyOf(windows);
            expiredWindows = List.copyOf(expiredWindows);
        }
    }

    /** A partition's own watermark ({@code max ts - bound - 1}) increased after {@code event}. */
    record PartitionWatermarkAdvanced(int partition, long previous, long watermark, long event) implements LogEntry {
    }

    /** A partition received nothing for more than the idleness timeout and no longer holds the combined watermark back. */
    record PartitionIdle(int partition, long lastActivityMs, long nowMs, long idlenessMs) implements LogEntry {
    }

    /** An idle partition received an event and holds the combined watermark again. */
    record PartitionActive(int partition, long event) implements LogEntry {
    }

    /**
     * The combined watermark (minimum over active partitions) increased; {@code partition} is the one whose event or
     * idleness caused it ({@code -1} at end of input), {@code event} the last event's index.
     */
    record WatermarkAdvanced(long previous, long watermark, Cause cause, int partition, long event) implements LogEntry {

        /** What moved the combined watermark. */
        public enum Cause {
            EVENT,
            IDLENESS,
            END_OF_INPUT
        }
    }

    /** A new window was opened for {@code key}. */
    record WindowCreated(TimeDomain domain, String key, TimeWindow window, long event) implements LogEntry {
    }

    /** Session windows {@code merged} (already in flight) and the element's own window were merged into {@code result}. */
    record WindowsMerged(String key, List<TimeWindow> merged, TimeWindow elementWindow, TimeWindow result, long event)
            implements LogEntry {
        public WindowsMerged {
            merged = List.copyOf(merged);
        }
    }

    /** The window function was called; see {@link Firing#cause()}. */
    record WindowFired(Firing firing) implements LogEntry {
    }

    /**
     * The element went to the late side output: {@code ts + allowedLateness <= watermark} and every window it belongs to
     * ({@code expiredWindows}, possibly none) had {@code end - 1 + allowedLateness <= watermark}.
     */
    record ElementDropped(LateElement element, List<TimeWindow> expiredWindows) implements LogEntry {
        public ElementDropped {
            expiredWindows = List.copyOf(expiredWindows);
        }
    }

    /** The window's state was cleared: its cleanup time ({@code end - 1 + allowedLateness}) was reached. */
    record StatePurged(TimeDomain domain, String key, TimeWindow window, long cleanupTime, long time) implements LogEntry {
    }
}
