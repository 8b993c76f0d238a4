package dev.streamlab.web.live;

import dev.streamlab.engine.EngineConfig;
import dev.streamlab.engine.TimeWindow;
import dev.streamlab.engine.WindowSpec;
import dev.streamlab.kafka.playback.PlaybackState;
import dev.streamlab.scenario.Scenario;
import dev.streamlab.scenario.ScenarioEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code playback} subject's entries: {@code state} (scenario, run, topics, position), {@code config}, and
 * {@code extent} (the whole scenario's event-time span and keys, so the page fixes its axis and rows once).
 */
public final class PlaybackView {
    private PlaybackView() {
    }

    record State(String scenarioId, String title, String description, String lesson, String runId, String inputTopic,
                 String outputTopic, String lateTopic, int position, int total, boolean finished, boolean playing,
                 double speed, int injected) {
    }

    record Window(String type, Long sizeMs, Long slideMs, Long gapMs) {
    }

    record Config(Window window, Window processingWindow, long maxOutOfOrdernessMs, long allowedLatenessMs, int partitions,
                  long idlenessMs) {
    }

    /**
     * From the earliest start to the latest end of the event-time windows the scenario's events fall in (the events
     * themselves lie within), and every key, sorted; the page draws its time axis and key rows from this once.
     */
    record Extent(long fromMs, long toMs, List<String> keys) {
    }

    public static Map<String, Object> of(Scenario scenario, PlaybackState state) {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("state", new State(state.scenarioId(), scenario.title(), scenario.description(), scenario.lesson(),
                state.runId(), state.inputTopic(), state.outputTopic(), state.lateTopic(), state.position(), state.total(),
                state.ended(), state.playing(), state.speed(), state.injected()));
        entries.put("config", config(scenario.config()));
        if (!scenario.events().isEmpty()) {
            entries.put("extent", extent(scenario));
        }
        return entries;
    }

    static Extent extent(Scenario scenario) {
        WindowSpec spec = scenario.config().windows();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        TreeSet<String> keys = new TreeSet<>();
        for (ScenarioEvent e : scenario.events()) {
            long ts = e.ts();
            keys.add(e.key());
            long first;
            long last;
            if (spec instanceof WindowSpec.Tumbling t) {
                first = TimeWindow.startWithOffset(ts, t.offsetMs(), t.sizeMs());
                last = first + t.sizeMs();
            } else if (spec instanceof WindowSpec.Sliding s) {
                long lastStart = TimeWindow.startWithOffset(ts, s.offsetMs(), s.slideMs());
                last = lastStart + s.sizeMs();
                first = lastStart;
                while (first - s.slideMs() > ts - s.sizeMs()) {
                    first -= s.slideMs();
                }
            } else {
                first = ts;
                last = ts + ((WindowSpec.Session) spec).gapMs();
            }
            from = Math.min(from, Math.min(first, ts));
            to = Math.max(to, Math.max(last, ts));
        }
        return new Extent(from, to, List.copyOf(keys));
    }

    /** Engine settings as the page's controls show them. */
    public static Object config(EngineConfig c) {
        return new Config(window(c.windows()), c.processingTimeWindows() == null ? null : window(c.processingTimeWindows()),
                c.maxOutOfOrdernessMs(), c.allowedLatenessMs(), c.partitions(), c.idlenessMs());
    }

    private static Window window(WindowSpec spec) {
        if (spec instanceof WindowSpec.Tumbling t) {
            return new Window("tumbling", t.sizeMs(), null, null);
        }
        if (spec instanceof WindowSpec.Sliding s) {
            return new Window("sliding", s.sizeMs(), s.slideMs(), null);
        }
        return new Window("session", null, null, ((WindowSpec.Session) spec).gapMs());
    }
}
