package dev.streamlab.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AllowedLatenessTest {

    @Test
    void lateElementsWithinTheLatenessReFireTheWholeWindowAndTheCleanupPurgesItSilently() {
        EngineHarness h = EngineHarness.tumbling(10, 0, 5).events(3, 7, 11, 4, 13, 5, 16, 2).end();
        assertEquals(List.of("A[0, 10) n=2 wm@2", "A[0, 10) n=3 element@3", "A[0, 10) n=4 element@5",
                "A[10, 20) n=3 end"), h.fired());
        assertEquals(List.of("A@2#7"), h.dropped());
    }

    @Test
    void aWindowIsExpiredExactlyWhenTheWatermarkReachesMaxTimestampPlusLateness() {
        EngineHarness atHorizon = EngineHarness.tumbling(10, 0, 5).events(3, 15, 4).end();
        assertEquals(List.of("A@4#2"), atHorizon.dropped());
        EngineHarness justBefore = EngineHarness.tumbling(10, 0, 5).events(3, 14, 4).end();
        assertEquals(List.of(), justBefore.dropped());
        assertEquals(List.of("A[0, 10) n=1 wm@1", "A[0, 10) n=2 element@2", "A[10, 20) n=1 end"), justBefore.fired());
    }

    @Test
    void anElementBehindTheWatermarkWhoseWindowHasNotFiredIsSimplyAdded() {
        EngineHarness h = EngineHarness.tumbling(10, 0, 0).events(12, 15, 11).end();
        assertEquals(List.of("A[10, 20) n=3 end"), h.fired());
        assertEquals(List.of(), h.dropped());
    }

    @Test
    void atTheEndOfInputAlreadyFiredWindowsWaitingOutTheLatenessAreClearedWithoutOutput() {
        EngineHarness h = EngineHarness.tumbling(10, 0, 100).events(3, 12).end();
        assertEquals(List.of("A[0, 10) n=1 wm@1", "A[10, 20) n=1 end"), h.fired());
        assertEquals(2, h.logOf(LogEntry.StatePurged.class).size());
    }
}
