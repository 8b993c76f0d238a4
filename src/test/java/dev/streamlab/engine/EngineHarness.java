package dev.streamlab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Test builder: feeds events into an engine and records firings, late elements and the log. */
final class EngineHarness {
    private final CollectingOutput output = new CollectingOutput();
    final List<Firing> firings = output.firings();
    final List<LateElement> late = output.late();
    final List<LogEntry> log = new ArrayList<>();
    final ManualClock clock = new ManualClock(0);
    final Engine engine;
    private int partition;

    private EngineHarness(EngineConfig config, boolean logging) {
        engine = new Engine(config, clock, output, logging ? log::add : EngineLog.OFF);
    }

    static EngineHarness tumbling(long size, long bound, long lateness) {
        return of(EngineConfig.of(new WindowSpec.Tumbling(size), bound, lateness));
    }

    static EngineHarness of(EngineConfig config) {
        return new EngineHarness(config, true);
    }

    static EngineHarness withoutLog(EngineConfig config) {
        return new EngineHarness(config, false);
    }

    /** Subsequent events arrive on partition {@code p}. */
    EngineHarness on(int p) {
        partition = p;
        return this;
    }

    EngineHarness at(long processingTimeMs) {
        clock.set(processingTimeMs);
        return this;
    }

    EngineHarness events(long... timestamps) {
        for (long ts : timestamps) {
            event("A", ts, 1);
        }
        return this;
    }

    EngineHarness event(String key, long ts) {
        return event(key, ts, 1);
    }

    EngineHarness event(String key, long ts, double value) {
        engine.onEvent(new Event(key, ts, value, partition));
        return this;
    }

    EngineHarness end() {
        engine.endOfInput();
        return this;
    }

    /** Firings as {@code key[start,end) n=count cause@afterEvent}, in engine order. */
    List<String> fired() {
        return firings.stream().map(EngineHarness::describe).collect(Collectors.toList());
    }

    static String describe(Firing f) {
        String when = switch (f.cause()) {
            case END_OF_INPUT -> "end";
            case WATERMARK -> "wm@" + f.afterEvent();
            case ELEMENT -> "element@" + f.afterEvent();
            case PROCESSING_TIME -> "pt@" + f.afterEvent();
        };
        return f.key() + f.window() + " n=" + f.result().count() + " " + when;
    }

    /** Late elements as {@code key@ts#event}. */
    List<String> dropped() {
        return late.stream().map(l -> l.key() + "@" + l.ts() + "#" + l.event()).collect(Collectors.toList());
    }

    <T extends LogEntry> List<T> logOf(Class<T> type) {
        return log.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }
}
