package dev.streamlab.kafka.playback;

import dev.streamlab.engine.EngineConfig;
import dev.streamlab.engine.WindowSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConfigOverridesTest {
    private static final WindowSpec HOUR = new WindowSpec.Tumbling(3_600_000, 0);
    /** Like the 11:59 mobile order: hourly windows on both clocks. */
    private static final EngineConfig BOTH_HOURLY = new EngineConfig(HOUR, 300_000, 600_000, 1, 0, HOUR);

    private static ConfigOverrides window(String type, Long sizeMs, Long gapMs) {
        return new ConfigOverrides(type, sizeMs, null, gapMs, null, null, null);
    }

    @Test
    void processingTimeWindowsThatMatchedTheEventTimeOnesFollowAChangeOfSize() {
        EngineConfig changed = window("tumbling", 300_000L, null).applyTo(BOTH_HOURLY);
        assertEquals(new WindowSpec.Tumbling(300_000, 0), changed.processingTimeWindows());
    }

    @Test
    void sessionsKeepTheScenariosProcessingTimeWindowsForProcessingTimeHasNoSessions() {
        EngineConfig changed = window("session", null, 600_000L).applyTo(BOTH_HOURLY);
        assertEquals(new WindowSpec.Session(600_000), changed.windows());
        assertEquals(HOUR, changed.processingTimeWindows());
    }

    @Test
    void processingTimeWindowsOfTheirOwnStayAsTheScenarioHasThem() {
        EngineConfig own = new EngineConfig(new WindowSpec.Tumbling(60_000, 0), 5_000, 0, 1, 0, HOUR);
        assertEquals(HOUR, window("tumbling", 120_000L, null).applyTo(own).processingTimeWindows());
    }
}
