package dev.streamlab.engine;

/**
 * Per-partition bounded-out-of-orderness watermarks ({@code max ts - bound - 1}, initially {@code Long.MIN_VALUE})
 * combined as their minimum over non-idle partitions; the combined watermark only ever increases.
 */
final class WatermarkTracker {
    private final long bound;
    private final long idlenessMs;
    private final long[] maxTimestamp;
    private final long[] watermark;
    private final long[] lastActivity;
    private final boolean[] idle;
    private final EngineLog log;
    private long combined = Long.MIN_VALUE;

    WatermarkTracker(int partitions, long bound, long idlenessMs, long startMs, EngineLog log) {
        this.bound = bound;
        this.idlenessMs = idlenessMs;
        this.maxTimestamp = new long[partitions];
        this.watermark = new long[partitions];
        this.lastActivity = new long[partitions];
        this.idle = new boolean[partitions];
        this.log = log;
        java.util.Arrays.fill(maxTimestamp, Long.MIN_VALUE + bound + 1);
        java.util.Arrays.fill(watermark, Long.MIN_VALUE);
        java.util.Arrays.fill(lastActivity, startMs);
    }

    long combined() {
        return combined;
    }

    int partitions() {
        return watermark.length;
    }

    /** Records an event of partition {@code p}, then emits: returns true if the combined watermark increased. */
    boolean onEvent(int p, long ts, long nowMs, long event) {
        if (idlenessMs > 0) {
            lastActivity[p] = nowMs;
            if (idle[p]) {
                idle[p] = false;
                if (log != null) {
                    log.record(new LogEntry.PartitionActive(p, event));
                }
            }
        }
        if (ts > maxTimestamp[p]) {
            maxTimestamp[p] = ts;
            long wm = ts - bound - 1;
            if (wm > watermark[p]) {
                if (log != null) {
                    log.record(new LogEntry.PartitionWatermarkAdvanced(p, watermark[p], wm, event));
                }
                watermark[p] = wm;
            }
        }
        int newlyIdle = idlenessMs > 0 ? markIdle(nowMs) : -1;
        return recombine(newlyIdle >= 0 ? LogEntry.WatermarkAdvanced.Cause.IDLENESS : LogEntry.WatermarkAdvanced.Cause.EVENT,
                newlyIdle >= 0 ? newlyIdle : p, event);
    }

    /** Checks idleness at {@code nowMs}: returns true if the combined watermark increased. */
    boolean onProcessingTime(long nowMs, long lastEvent) {
        if (idlenessMs <= 0) {
            return false;
        }
        int newlyIdle = markIdle(nowMs);
        return newlyIdle >= 0 && recombine(LogEntry.WatermarkAdvanced.Cause.IDLENESS, newlyIdle, lastEvent);
    }

    /** End of input: the combined watermark jumps to {@code Long.MAX_VALUE}. */
    boolean finish(long lastEvent) {
        if (combined == Long.MAX_VALUE) {
            return false;
        }
        if (log != null) {
            log.record(new LogEntry.WatermarkAdvanced(combined, Long.MAX_VALUE, LogEntry.WatermarkAdvanced.Cause.END_OF_INPUT,
                    -1, lastEvent));
        }
        combined = Long.MAX_VALUE;
        return true;
    }

    /** Marks partitions idle that saw nothing for strictly more than the timeout; returns the last one marked, or -1. */
    private int markIdle(long nowMs) {
        int marked = -1;
        for (int p = 0; p < idle.length; p++) {
            if (!idle[p] && nowMs - lastActivity[p] > idlenessMs) {
                idle[p] = true;
                marked = p;
                if (log != null) {
                    log.record(new LogEntry.PartitionIdle(p, lastActivity[p], nowMs, idlenessMs));
                }
            }
        }
        return marked;
    }

    private boolean recombine(LogEntry.WatermarkAdvanced.Cause cause, int partition, long event) {
        long min = Long.MAX_VALUE;
        boolean anyActive = false;
        for (int p = 0; p < watermark.length; p++) {
            if (!idle[p]) {
                anyActive = true;
                if (watermark[p] < min) {
                    min = watermark[p];
                }
            }
        }
        if (!anyActive || min <= combined) {
            return false;
        }
        if (log != null) {
            log.record(new LogEntry.WatermarkAdvanced(combined, min, cause, partition, event));
        }
        combined = min;
        return true;
    }
}
