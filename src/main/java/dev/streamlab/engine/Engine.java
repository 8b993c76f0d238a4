package dev.streamlab.engine;

/**
 * The event-time engine: Flink's per-event bounded-out-of-orderness watermarks (per partition, min-combined, with
 * optional idleness) driving Flink's WindowOperator semantics, plus optional processing-time windows on the injected
 * clock; single-threaded and deterministic. A processing-time window fires once the clock reaches its last
 * millisecond {@code end - 1}; an element arriving at that very millisecond is still assigned to it.
 */
public final class Engine {
    private final WatermarkTracker watermarks;
    private final WindowOperator eventTimeWindows;
    private final WindowOperator processingTimeWindows;
    private final Clock clock;
    private final boolean readsClock;
    private long lastEvent = -1;
    private boolean finished;

    /** Creates an engine; pass {@link EngineLog#OFF} to switch logging off. */
    public Engine(EngineConfig config, Clock clock, EngineOutput output, EngineLog log) {
        if (config == null || clock == null || output == null || log == null) {
            throw new IllegalArgumentException("config, clock, output and log must not be null");
        }
        this.clock = clock;
        EngineLog active = log == EngineLog.OFF ? null : log;
        this.readsClock = config.idlenessMs() > 0 || config.processingTimeWindows() != null;
        this.watermarks = new WatermarkTracker(config.partitions(), config.maxOutOfOrdernessMs(), config.idlenessMs(),
                readsClock ? clock.nowMs() : 0, active);
        this.eventTimeWindows = new WindowOperator(TimeDomain.EVENT_TIME, config.windows(), config.allowedLatenessMs(),
                output, active);
        this.processingTimeWindows = config.processingTimeWindows() == null ? null
                : new WindowOperator(TimeDomain.PROCESSING_TIME, config.processingTimeWindows(), 0, output, active);
    }

    /** Processes one element (its arrival index is the number of elements before it), then emits the watermark. */
    public void onEvent(Event event) {
        onEvent(event.key(), event.ts(), event.value(), event.partition());
    }

    /** Same as {@link #onEvent(Event)} without allocating an {@link Event}. */
    public void onEvent(String key, long ts, double value, int partition) {
        if (finished) {
            throw new IllegalStateException("input already ended");
        }
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (ts == Long.MIN_VALUE) {
            throw new IllegalArgumentException("Record has Long.MIN_VALUE timestamp");
        }
        if (partition < 0 || partition >= watermarks.partitions()) {
            throw new IllegalArgumentException("partition must be in [0, " + watermarks.partitions() + "), was " + partition);
        }
        long event = ++lastEvent;
        long now = readsClock ? clock.nowMs() : 0;
        if (processingTimeWindows != null) {
            // windows whose last millisecond is before now fire first; one ending at now also takes this element
            processingTimeWindows.advance(now - 1, FireCause.PROCESSING_TIME, event - 1);
        }
        eventTimeWindows.processElement(event, key, ts, value, partition);
        if (processingTimeWindows != null) {
            processingTimeWindows.processElement(event, key, now, value, partition);
            processingTimeWindows.advance(now, FireCause.PROCESSING_TIME, event);
        }
        if (watermarks.onEvent(partition, ts, now, event)) {
            eventTimeWindows.advance(watermarks.combined(), FireCause.WATERMARK, event);
        }
    }

    /** Reads the clock: fires due processing-time windows and lets idle partitions stop holding the watermark back. */
    public void advanceProcessingTime() {
        if (finished || !readsClock) {
            return;
        }
        long now = clock.nowMs();
        if (processingTimeWindows != null) {
            processingTimeWindows.advance(now, FireCause.PROCESSING_TIME, lastEvent);
        }
        if (watermarks.onProcessingTime(now, lastEvent)) {
            eventTimeWindows.advance(watermarks.combined(), FireCause.WATERMARK, lastEvent);
        }
    }

    /**
     * End of input: the final watermark {@code Long.MAX_VALUE} fires every event-time window left. Processing-time
     * windows are not flushed (advance the clock to fire them first).
     */
    public void endOfInput() {
        if (finished) {
            return;
        }
        finished = true;
        if (watermarks.finish(lastEvent)) {
            eventTimeWindows.advance(Long.MAX_VALUE, FireCause.END_OF_INPUT, -1);
        }
    }

    /** The combined event-time watermark ({@code Long.MIN_VALUE} before the first one). */
    public long currentWatermark() {
        return watermarks.combined();
    }

    /** Windows in flight now (event-time and processing-time, over all keys): what a long-running engine holds. */
    public long openWindows() {
        return eventTimeWindows.openWindows() + (processingTimeWindows == null ? 0 : processingTimeWindows.openWindows());
    }

    /** How many events were processed. */
    public long eventCount() {
        return lastEvent + 1;
    }
}
