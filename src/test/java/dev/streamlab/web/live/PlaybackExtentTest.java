package dev.streamlab.web.live;

import dev.streamlab.engine.EngineConfig;
import dev.streamlab.engine.WindowSpec;
import dev.streamlab.scenario.Scenario;
import dev.streamlab.scenario.ScenarioCatalog;
import dev.streamlab.scenario.ScenarioEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The extent the time lab fixes its axis and rows from: every window the scenario's events fall in, and every key. */
class PlaybackExtentTest {
    private static long at(String time) {
        return Instant.parse("2026-11-25T" + time + "Z").toEpochMilli();
    }

    @Test
    void theElevenFiftyNineScenarioSpansTheHoursItsEventsFallIn() {
        Scenario scenario = ScenarioCatalog.load().get("mobile-order-1159").orElseThrow();
        PlaybackView.Extent extent = PlaybackView.extent(scenario);
        assertEquals(at("11:00:00"), extent.fromMs());
        assertEquals(at("14:00:00"), extent.toMs(), "the 13:00:10 event's hour ends at 14:00");
        assertEquals(List.of("cust-1", "cust-2", "cust-3", "cust-4"), extent.keys());
    }

    @Test
    void slidingWindowsReachBackToTheEarliestWindowAnEventFallsIn() {
        Scenario scenario = new Scenario(EngineConfig.of(new WindowSpec.Sliding(600_000, 300_000), 0, 0),
                List.of(new ScenarioEvent("b", at("12:07:00"), 1, 0, 0), new ScenarioEvent("a", at("12:08:00"), 1, 0, 0)));
        PlaybackView.Extent extent = PlaybackView.extent(scenario);
        assertEquals(at("12:00:00"), extent.fromMs(), "12:07 falls in [12:00, 12:10) and [12:05, 12:15)");
        assertEquals(at("12:15:00"), extent.toMs());
        assertEquals(List.of("a", "b"), extent.keys());
    }

    @Test
    void aSessionReachesOneGapPastItsLastEvent() {
        Scenario scenario = new Scenario(EngineConfig.of(new WindowSpec.Session(60_000), 0, 0),
                List.of(new ScenarioEvent("a", at("12:00:30"), 1, 0, 0)));
        PlaybackView.Extent extent = PlaybackView.extent(scenario);
        assertEquals(at("12:00:30"), extent.fromMs());
        assertEquals(at("12:01:30"), extent.toMs());
    }
}
