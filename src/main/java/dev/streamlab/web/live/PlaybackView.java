package dev.streamlab.web.live;

import dev.streamlab.engine.EngineConfig;
import dev.streamlab.engine.WindowSpec;
import dev.streamlab.kafka.playback.PlaybackState;
import dev.streamlab.scenario.Scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code playback} subject's entries: {@code state} (scenario, run, topics, position) and {@code config}. */
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

    public static Map<String, Object> of(Scenario scenario, PlaybackState state) {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("state", new State(state.scenarioId(), scenario.title(), scenario.description(), scenario.lesson(),
                state.runId(), state.inputTopic(), state.outputTopic(), state.lateTopic(), state.position(), state.total(),
                state.ended(), state.playing(), state.speed(), state.injected()));
        entries.put("config", config(scenario.config()));
        return entries;
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
