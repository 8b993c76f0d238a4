package dev.streamlab.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Flink's WindowOperator with the default trigger, for one time domain: event time (EventTimeTrigger, allowed
 * lateness, late side output) or processing time (ProcessingTimeTrigger, no lateness).
 */
final class WindowOperator {
    private final TimeDomain domain;
    private final boolean eventTime;
    private final boolean merging;
    private final long size;
    private final long slide;
    private final long offset;
    private final long gap;
    private final long lateness;
    private final EngineOutput output;
    private final EngineLog log;
    private final HashMap<String, KeyWindows> keys = new HashMap<>();
    private final TimerQueue timers = new TimerQueue();
    private long time = Long.MIN_VALUE;
    /** Windows created and not yet purged, merged away or retired: the state a live pipeline holds. */
    private long open;

    /** {@code log} null means logging is off. */
    WindowOperator(TimeDomain domain, WindowSpec spec, long lateness, EngineOutput output, EngineLog log) {
        this.domain = domain;
        this.eventTime = domain == TimeDomain.EVENT_TIME;
        this.merging = spec.merging();
        this.lateness = eventTime ? lateness : 0;
        this.output = output;
        this.log = log;
        if (spec instanceof WindowSpec.Tumbling t) {
            size = t.sizeMs();
            slide = t.sizeMs();
            offset = t.offsetMs();
            gap = 0;
        } else if (spec instanceof WindowSpec.Sliding s) {
            size = s.sizeMs();
            slide = s.slideMs();
            offset = s.offsetMs();
            gap = 0;
        } else {
            size = 0;
            slide = 0;
            offset = 0;
            gap = ((WindowSpec.Session) spec).gapMs();
        }
    }

    /** Windows in flight now, over all keys. */
    long openWindows() {
        return open;
    }

    /** The operator's current time: the watermark (event time) or the last processing time seen. */
    long time() {
        return time;
    }

    private long cleanupTime(long maxTimestamp) {
        if (!eventTime) {
            return maxTimestamp;
        }
        long cleanup = maxTimestamp + lateness;
        return cleanup >= maxTimestamp ? cleanup : Long.MAX_VALUE;
    }

    private boolean isWindowLate(long maxTimestamp) {
        return eventTime && cleanupTime(maxTimestamp) <= time;
    }

    /** Processes one element; {@code timestamp} is its event time, or the processing time of its arrival. */
    void processElement(long event, String key, long timestamp, double value, int partition) {
        KeyWindows kw = keys.get(key);
        if (kw == null) {
            kw = new KeyWindows(key);
            keys.put(key, kw);
        }
        if (merging) {
            processMerging(kw, event, timestamp, value, partition);
        } else {
            processFixed(kw, event, timestamp, value, partition);
        }
        if (kw.isEmpty()) {
            keys.remove(key);
        }
    }

    private void processFixed(KeyWindows kw, long event, long ts, double value, int partition) {
        long lastStart = TimeWindow.startWithOffset(ts, offset, slide);
        List<TimeWindow> expired = null;
        if (log != null) {
            List<TimeWindow> assigned = new ArrayList<>();
            expired = new ArrayList<>();
            for (long start = lastStart; start > ts - size; start -= slide) {
                (isWindowLate(start + size - 1) ? expired : assigned).add(new TimeWindow(start, start + size));
            }
            log.record(new LogEntry.ElementAssigned(domain, event, kw.key, ts, partition, assigned, expired));
        }
        boolean skipped = true;
        boolean anyWindow = false;
        for (long start = lastStart; start > ts - size; start -= slide) {
            anyWindow = true;
            long maxTimestamp = start + size - 1;
            if (isWindowLate(maxTimestamp)) {
                continue;
            }
            skipped = false;
            WindowState state = kw.byStart(start);
            if (state == null) {
                state = new WindowState(kw, new TimeWindow(start, start + size), cleanupTime(maxTimestamp));
                kw.putByStart(state);
                open++;
                if (log != null) {
                    log.record(new LogEntry.WindowCreated(domain, kw.key, state.window, event));
                }
            }
            state.contents.add(value);
            onElement(state, event);
        }
        if (skipped && eventTime && ts + lateness <= time) {
            sideOutput(event, kw.key, ts, partition,
                    anyWindow ? LateElement.Reason.ALL_WINDOWS_EXPIRED : LateElement.Reason.IN_NO_WINDOW, expired);
        }
    }

    private void processMerging(KeyWindows kw, long event, long ts, double value, int partition) {
        TimeWindow own = new TimeWindow(ts, ts + gap);
        List<WindowState> hits = null;
        for (WindowState s : kw.sessions) {
            if (s.window.intersects(own)) {
                if (hits == null) {
                    hits = new ArrayList<>(2);
                }
                hits.add(s);
            }
        }
        WindowState actual;
        if (hits == null) {
            actual = new WindowState(kw, own, cleanupTime(own.maxTimestamp()));
            kw.sessions.add(actual);
            open++;
        } else if (hits.size() == 1 && hits.get(0).window.cover(own).equals(hits.get(0).window)) {
            actual = hits.get(0);
        } else {
            actual = merge(kw, own, hits, event);
        }
        if (isWindowLate(actual.maxTimestamp)) {
            kw.sessions.remove(actual);
            actual.retire();
            open--;
            List<TimeWindow> expired = List.of(actual.window);
            if (log != null) {
                log.record(new LogEntry.ElementAssigned(domain, event, kw.key, ts, partition, List.of(), expired));
            }
            if (ts + lateness <= time) {
                sideOutput(event, kw.key, ts, partition, LateElement.Reason.ALL_WINDOWS_EXPIRED, expired);
            }
            return;
        }
        if (log != null) {
            if (hits == null) {
                log.record(new LogEntry.WindowCreated(domain, kw.key, actual.window, event));
            }
            log.record(new LogEntry.ElementAssigned(domain, event, kw.key, ts, partition, List.of(actual.window), List.of()));
        }
        actual.contents.add(value);
        onElement(actual, event);
    }

    /** Flink's MergingWindowSet merge callback: onMerge registers the merged window's timer, merged windows lose theirs. */
    private WindowState merge(KeyWindows kw, TimeWindow own, List<WindowState> hits, long event) {
        TimeWindow result = own;
        for (WindowState h : hits) {
            result = result.cover(h.window);
        }
        if (isWindowLate(result.maxTimestamp())) {
            throw new IllegalStateException("The end timestamp of an event-time window cannot become earlier than the "
                    + "current watermark by merging: " + result);
        }
        WindowState merged = new WindowState(kw, result, cleanupTime(result.maxTimestamp()));
        if (merged.maxTimestamp > time) {
            registerTimer(merged, merged.maxTimestamp);
        }
        List<TimeWindow> mergedWindows = log == null ? null : new ArrayList<>(hits.size());
        for (WindowState h : hits) {
            merged.contents.addAll(h.contents);
            h.retire();
            kw.sessions.remove(h);
            open--;
            if (mergedWindows != null) {
                mergedWindows.add(h.window);
            }
        }
        kw.sessions.add(merged);
        open++;
        if (log != null) {
            log.record(new LogEntry.WindowsMerged(kw.key, mergedWindows, own, result, event));
        }
        return merged;
    }

    /** The default trigger's onElement, then the cleanup timer. */
    private void onElement(WindowState state, long event) {
        if (eventTime && state.maxTimestamp <= time) {
            fire(state, FireCause.ELEMENT, event);
        } else {
            registerTimer(state, state.maxTimestamp);
        }
        if (state.cleanupTime != Long.MAX_VALUE) {
            registerTimer(state, state.cleanupTime);
        }
    }

    private void registerTimer(WindowState state, long timestamp) {
        if (timestamp == state.maxTimestamp) {
            if (!state.timerAtMax) {
                state.timerAtMax = true;
                timers.add(timestamp, state);
            }
        } else if (!state.timerAtCleanup) {
            state.timerAtCleanup = true;
            timers.add(timestamp, state);
        }
    }

    /**
     * Moves the operator's time forward (never back) and runs every timer with timestamp {@code <= newTime}, in
     * ascending timestamp order.
     */
    void advance(long newTime, FireCause cause, long afterEvent) {
        if (newTime > time) {
            time = newTime;
        }
        long due = Math.min(newTime, time);
        TimerQueue.Timer timer;
        while ((timer = timers.pollDue(due)) != null) {
            onTimer(timer, cause, afterEvent);
        }
    }

    private void onTimer(TimerQueue.Timer timer, FireCause cause, long afterEvent) {
        WindowState state = timer.state();
        long ts = timer.timestamp();
        if (ts == state.maxTimestamp && state.timerAtMax) {
            state.timerAtMax = false;
        } else if (ts == state.cleanupTime && state.timerAtCleanup) {
            state.timerAtCleanup = false;
        } else {
            return; // deleted
        }
        if (!state.inFlight) {
            return;
        }
        if (ts == state.maxTimestamp) {
            fire(state, cause, afterEvent);
        }
        if (ts == state.cleanupTime) {
            purge(state, ts);
        }
    }

    private void fire(WindowState state, FireCause cause, long afterEvent) {
        Firing firing = new Firing(domain, state.owner.key, state.window, state.contents.snapshot(), cause,
                cause == FireCause.END_OF_INPUT ? -1 : afterEvent, time);
        output.onFiring(firing);
        if (log != null) {
            log.record(new LogEntry.WindowFired(firing));
        }
    }

    private void purge(WindowState state, long ts) {
        state.retire();
        open--;
        KeyWindows kw = state.owner;
        kw.remove(state);
        if (kw.isEmpty() && keys.get(kw.key) == kw) {
            keys.remove(kw.key);
        }
        if (log != null) {
            log.record(new LogEntry.StatePurged(domain, kw.key, state.window, state.cleanupTime, time));
        }
    }

    private void sideOutput(long event, String key, long ts, int partition, LateElement.Reason reason,
                            List<TimeWindow> expired) {
        LateElement late = new LateElement(event, key, ts, partition, time, lateness, reason);
        output.onLate(late);
        if (log != null) {
            log.record(new LogEntry.ElementDropped(late, expired == null ? List.of() : expired));
        }
    }
}
