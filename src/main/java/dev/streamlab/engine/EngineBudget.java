package dev.streamlab.engine;

import java.util.Locale;

/**
 * What one engine input may cost the lab, in one place: every path that builds an engine (simulate over HTTP and on
 * the command line, playback, learner pipelines) checks its input against {@link #DEFAULT} where it parses it, and a
 * refusal is one sentence naming the field, the value and the limit. The rule: windows per event × events bounds the
 * work and the output of one run (a window assignment can cause at most one firing on its element and one when the
 * window closes, so firings are at most 2 × assignments, late elements at most the events, and an event's log at most
 * a few entries per window it is in, plus the windows its watermark fires, which are open windows); durations and
 * timestamps are bounded so no window arithmetic can overflow; live pipelines, which have no last event, are bounded
 * by their open windows instead, and there are few of them.
 *
 * @param maxWindowsPerEvent  windows one event may be assigned to (sliding: ⌈size / slide⌉; tumbling and session: 1)
 * @param maxEvents           events in one scenario or one playback (injected late events included)
 * @param maxWindowAssignments events × windows per event, event-time and processing-time windows together
 * @param maxDurationMs       any window size, slide, gap, offset, bound, lateness or idleness
 * @param maxTimestampMs      any event {@code ts} or {@code arrivalMs} (9999-12-31T23:59:59.999Z)
 * @param maxPartitions       input partitions of one engine
 * @param maxOpenWindows      open windows a live pipeline may hold before it stops with that problem
 * @param maxLivePipelines    learner pipelines running at once
 * @param concurrentRuns      requests of one expensive kind (simulate, playback control, pipeline start) served at once;
 *                            more are answered "busy" at once rather than queued
 * @param concurrentReads     requests to those routes read and checked at once (a refusal over budget needs no run
 *                            permit, so it is answered at once; reading is bounded by this times maxInputBytes)
 * @param maxInputBytes       the largest request body or scenario file the lab reads
 */
public record EngineBudget(long maxWindowsPerEvent, int maxEvents, long maxWindowAssignments, long maxDurationMs,
                           long maxTimestampMs, int maxPartitions, int maxOpenWindows, int maxLivePipelines,
                           int concurrentRuns, int concurrentReads, long maxInputBytes) {

    /** 366 days: a year-long window is a lab's largest; Flink would accept more. */
    private static final long YEAR_MS = 366L * 24 * 60 * 60 * 1000;

    /**
     * The lab's limits. Every shipped scenario and conformance case uses at most 4 windows per event, 60 events,
     * 240 assignments, one-hour windows, 10-minute lateness and 2 partitions, far inside these.
     */
    public static final EngineBudget DEFAULT = new EngineBudget(1_000, 10_000, 100_000, YEAR_MS, 253_402_300_799_999L,
            1_024, 100_000, 8, 2, 8, 1_048_576);

    private static final String TOO_BIG = "Flink would accept it, but it is too big for a lab";

    public EngineBudget {
        if (maxWindowsPerEvent < 1 || maxEvents < 1 || maxWindowAssignments < 1 || maxDurationMs < 1
                || maxTimestampMs < 1 || maxPartitions < 1 || maxOpenWindows < 1 || maxLivePipelines < 1
                || concurrentRuns < 1 || concurrentReads < 1 || maxInputBytes < 1) {
            throw new IllegalArgumentException("every limit of the budget must be at least 1");
        }
    }

    /** How many windows of {@code spec} one event can be in: ⌈size / slide⌉ for sliding windows, else 1. */
    public static long windowsPerEvent(WindowSpec spec) {
        if (spec instanceof WindowSpec.Sliding s) {
            return s.sizeMs() / s.slideMs() + (s.sizeMs() % s.slideMs() == 0 ? 0 : 1);
        }
        return 1;
    }

    /** Windows per event of both time domains together. */
    public static long windowsPerEvent(EngineConfig config) {
        return windowsPerEvent(config.windows())
                + (config.processingTimeWindows() == null ? 0 : windowsPerEvent(config.processingTimeWindows()));
    }

    /**
     * Checks everything of a config that does not depend on the events: its windows, bound, lateness, idleness and
     * partitions. Fields are named as in the scenario and request JSON ({@code window.sizeMs}, ...).
     *
     * @throws IllegalArgumentException one sentence naming the field, its value and the limit
     */
    public void checkConfig(EngineConfig config) {
        checkWindow("window", config.windows());
        if (config.processingTimeWindows() != null) {
            checkWindow("processingTimeWindow", config.processingTimeWindows());
        }
        checkDuration("maxOutOfOrdernessMs", config.maxOutOfOrdernessMs());
        checkDuration("allowedLatenessMs", config.allowedLatenessMs());
        checkDuration("idlenessMs", config.idlenessMs());
        checkPartitions(config.partitions());
    }

    /** Checks one window assigner's durations and windows per event; {@code name} is its field. */
    public void checkWindow(String name, WindowSpec spec) {
        if (spec instanceof WindowSpec.Tumbling t) {
            checkDuration(name + ".sizeMs", t.sizeMs());
        } else if (spec instanceof WindowSpec.Sliding s) {
            long windows = windowsPerEvent(s);
            if (windows > maxWindowsPerEvent) {
                throw new IllegalArgumentException(name + ": sliding window " + s.sizeMs() + " ms every " + s.slideMs()
                        + " ms puts each event in " + count(windows) + " windows; the lab allows at most "
                        + count(maxWindowsPerEvent) + " per event (" + TOO_BIG + "): make the slide at least "
                        + count(minSlide(s.sizeMs())) + " ms or the window shorter");
            }
            checkDuration(name + ".sizeMs", s.sizeMs());
            checkDuration(name + ".slideMs", s.slideMs());
        } else if (spec instanceof WindowSpec.Session g) {
            checkDuration(name + ".gapMs", g.gapMs());
        }
    }

    private long minSlide(long size) {
        return size / maxWindowsPerEvent + (size % maxWindowsPerEvent == 0 ? 0 : 1);
    }

    /** Checks one duration (size, slide, gap, bound, lateness, idleness) against {@link #maxDurationMs}. */
    public void checkDuration(String name, long ms) {
        if (ms > maxDurationMs) {
            throw new IllegalArgumentException(name + ": " + ms + " ms is more than the lab allows (at most "
                    + count(maxDurationMs) + " ms, " + maxDurationMs / 86_400_000L + " days; " + TOO_BIG + ")");
        }
    }

    /** Checks a partition count against {@link #maxPartitions}. */
    public void checkPartitions(int partitions) {
        if (partitions > maxPartitions) {
            throw new IllegalArgumentException("partitions: " + partitions + " is more than the lab allows (at most "
                    + count(maxPartitions) + " input partitions; " + TOO_BIG + ")");
        }
    }

    /**
     * Checks that {@code events} events fit: their count, and events × windows per event of {@code config}.
     *
     * @throws IllegalArgumentException one sentence naming both numbers and the limit
     */
    public void checkEvents(EngineConfig config, long events) {
        if (events > maxEvents) {
            throw new IllegalArgumentException("events: " + count(events) + " events are more than the lab allows (at most "
                    + count(maxEvents) + " per scenario)");
        }
        long perEvent = windowsPerEvent(config);
        long assignments = events * perEvent; // cannot overflow: both factors are checked first
        if (assignments > maxWindowAssignments) {
            throw new IllegalArgumentException("events: " + count(events) + " events × " + count(perEvent)
                    + " windows per event = " + count(assignments) + " window assignments; the lab allows at most "
                    + count(maxWindowAssignments) + " (" + TOO_BIG + "): send fewer events or make the slide longer");
        }
    }

    /** Checks an event's {@code ts} or {@code arrivalMs} against {@link #maxTimestampMs}. */
    public void checkTimestamp(String name, long ms) {
        if (ms > maxTimestampMs) {
            throw new IllegalArgumentException(name + ": " + ms + " is after the year 9999; the lab allows at most "
                    + count(maxTimestampMs) + " ms (9999-12-31T23:59:59.999Z)");
        }
    }

    /** The sentence a live pipeline stops with when it holds more open windows than {@link #maxOpenWindows}. */
    public String openWindowsProblem(long open) {
        return "stopped: the pipeline holds " + count(open) + " open windows; the lab allows at most "
                + count(maxOpenWindows) + " (shorten the window, the bound or the allowed lateness, or use fewer keys, "
                + "then start it again)";
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
