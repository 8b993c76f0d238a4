package dev.streamlab.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcessingTimeWindowTest {

    private static List<String> fired(EngineHarness h, TimeDomain domain) {
        return h.firings.stream().filter(f -> f.domain() == domain).map(EngineHarness::describe).collect(Collectors.toList());
    }

    @Test
    void processingTimeWindowsGroupByArrivalOnTheInjectedClockAndFireWhenItReachesTheirLastMillisecond() {
        EngineHarness h = EngineHarness.of(EngineConfig.of(new WindowSpec.Tumbling(10), 0, 0)
                .withProcessingTimeWindows(new WindowSpec.Tumbling(100)));
        h.at(0).event("A", 50).at(50).event("A", 1).at(98).event("A", 2);
        assertEquals(List.of(), fired(h, TimeDomain.PROCESSING_TIME));
        h.at(99).event("A", 3);
        assertEquals(List.of("A[0, 100) n=4 pt@3"), fired(h, TimeDomain.PROCESSING_TIME));

        h.at(150).event("A", 4);
        h.at(198).engine.advanceProcessingTime();
        assertEquals(1, fired(h, TimeDomain.PROCESSING_TIME).size());
        h.at(250).engine.advanceProcessingTime();
        assertEquals(List.of("A[0, 100) n=4 pt@3", "A[100, 200) n=1 pt@4"), fired(h, TimeDomain.PROCESSING_TIME));
    }

    @Test
    void eventTimeAndProcessingTimeResultsOfTheSameStreamCanBeCompared() {
        EngineHarness h = EngineHarness.of(EngineConfig.of(new WindowSpec.Tumbling(10), 0, 0)
                .withProcessingTimeWindows(new WindowSpec.Tumbling(10)));
        h.at(0).event("A", 5).at(3).event("A", 12).at(12).event("A", 6).at(30).engine.advanceProcessingTime();
        h.end();
        assertEquals(List.of("A[0, 10) n=2 pt@1", "A[10, 20) n=1 pt@2"), fired(h, TimeDomain.PROCESSING_TIME));
        assertEquals(List.of("A[0, 10) n=1 wm@1", "A[10, 20) n=1 end"), fired(h, TimeDomain.EVENT_TIME));
        assertEquals(List.of("A@6#2"), h.dropped());
    }

    @Test
    void slidingProcessingTimeWindowsCoverEachArrivalTimeMoreThanOnce() {
        EngineHarness h = EngineHarness.of(EngineConfig.of(new WindowSpec.Tumbling(10), 0, 0)
                .withProcessingTimeWindows(new WindowSpec.Sliding(100, 50)));
        h.at(120).event("A", 1).at(400).engine.advanceProcessingTime();
        assertEquals(List.of("A[50, 150) n=1 pt@0", "A[100, 200) n=1 pt@0"), fired(h, TimeDomain.PROCESSING_TIME));
    }
}
