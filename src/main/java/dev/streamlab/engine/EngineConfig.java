package dev.streamlab.engine;

/**
 * Engine settings: the event-time window assigner, the out-of-orderness bound B (watermark = max ts - B - 1), the
 * allowed lateness L, the number of input partitions, the idleness timeout (0 = never idle) and optional
 * processing-time windows; all durations in ms and >= 0.
 */
public record EngineConfig(WindowSpec windows, long maxOutOfOrdernessMs, long allowedLatenessMs, int partitions,
                           long idlenessMs, WindowSpec processingTimeWindows) {

    public EngineConfig {
        if (windows == null) {
            throw new IllegalArgumentException("windows must not be null");
        }
        if (maxOutOfOrdernessMs < 0) {
            throw new IllegalArgumentException("maxOutOfOrdernessMs must be >= 0, was " + maxOutOfOrdernessMs);
        }
        if (allowedLatenessMs < 0) {
            throw new IllegalArgumentException("allowedLatenessMs must be >= 0, was " + allowedLatenessMs);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        if (idlenessMs < 0) {
            throw new IllegalArgumentException("idlenessMs must be >= 0 (0 = no idleness), was " + idlenessMs);
        }
        if (processingTimeWindows != null && processingTimeWindows.merging()) {
            throw new IllegalArgumentException("processing-time windows must be tumbling or sliding");
        }
    }

    /** One partition, no idleness, no processing-time windows. */
    public static EngineConfig of(WindowSpec windows, long maxOutOfOrdernessMs, long allowedLatenessMs) {
        return new EngineConfig(windows, maxOutOfOrdernessMs, allowedLatenessMs, 1, 0, null);
    }

    public EngineConfig withPartitions(int count) {
        return new EngineConfig(windows, maxOutOfOrdernessMs, allowedLatenessMs, count, idlenessMs, processingTimeWindows);
    }

    public EngineConfig withIdleness(long ms) {
        return new EngineConfig(windows, maxOutOfOrdernessMs, allowedLatenessMs, partitions, ms, processingTimeWindows);
    }

    public EngineConfig withProcessingTimeWindows(WindowSpec spec) {
        return new EngineConfig(windows, maxOutOfOrdernessMs, allowedLatenessMs, partitions, idlenessMs, spec);
    }
}
