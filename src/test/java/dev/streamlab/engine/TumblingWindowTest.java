package dev.streamlab.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TumblingWindowTest {

    @Test
    void anEventExactlyAtAWindowEndBelongsToTheNextWindowAndFiresThePreviousOne() {
        EngineHarness h = EngineHarness.tumbling(10, 0, 0).events(1, 3, 9, 10, 15, 20).end();
        assertEquals(List.of("A[0, 10) n=3 wm@3", "A[10, 20) n=2 wm@5", "A[20, 30) n=1 end"), h.fired());
        assertEquals(List.of(), h.dropped());
    }

    @Test
    void anEventExactlyAtTheWatermarkIsDroppedOnlyWhenItIsTheLastMillisecondOfItsWindow() {
        EngineHarness h = EngineHarness.tumbling(10, 0, 0)
                .event("B", 10).event("A", 9).event("B", 16).event("A", 15).end();
        assertEquals(List.of("A@9#1"), h.dropped());
        assertEquals(List.of("A[10, 20) n=1 end", "B[10, 20) n=2 end"), h.fired().stream().sorted().toList());
    }

    @Test
    void outOfOrderElementsWithinTheBoundAreAddedAndLaterOnesGoToTheSideOutput() {
        EngineHarness h = EngineHarness.tumbling(10, 3, 0).events(2, 8, 12, 5, 14, 6, 20).end();
        assertEquals(List.of("A[0, 10) n=3 wm@4", "A[10, 20) n=2 end", "A[20, 30) n=1 end"), h.fired());
        assertEquals(List.of("A@6#5"), h.dropped());
    }

    @Test
    void equalTimestampsWithBoundZeroAreAllOnTimeBecauseTheWatermarkIsMaxMinusOne() {
        EngineHarness h = EngineHarness.tumbling(10, 0, 0).events(9, 9, 9).end();
        assertEquals(List.of("A[0, 10) n=3 end"), h.fired());
        assertEquals(List.of(), h.dropped());
    }

    @Test
    void anOffsetShiftsTheGridAndNegativeTimestampsFindTheirWindow() {
        EngineHarness h = EngineHarness.of(EngineConfig.of(new WindowSpec.Tumbling(10, 3), 0, 0))
                .events(-1, 2, 3, 12, -8).end();
        assertEquals(List.of("A[-7, 3) n=2 wm@2", "A[3, 13) n=2 end"), h.fired());
        assertEquals(List.of("A@-8#4"), h.dropped());
    }

    @Test
    void withLatenessZeroAWindowFiresOnceAndIsPurgedInTheSameAdvance() {
        EngineHarness h = EngineHarness.tumbling(10, 0, 0).events(3, 11, 4).end();
        assertEquals(List.of("A[0, 10) n=1 wm@1", "A[10, 20) n=1 end"), h.fired());
        assertEquals(List.of("A@4#2"), h.dropped());
        List<LogEntry.StatePurged> purged = h.logOf(LogEntry.StatePurged.class);
        assertEquals(new TimeWindow(0, 10), purged.get(0).window());
        assertEquals(9, purged.get(0).cleanupTime());
    }

    @Test
    void keysHaveSeparateWindowsButShareTheWatermark() {
        EngineHarness h = EngineHarness.tumbling(10, 0, 0)
                .event("A", 0).event("B", 5).event("A", 9).event("A", 10).event("B", 25).end();
        assertEquals(List.of("A[0, 10) n=2 wm@3", "B[0, 10) n=1 wm@3", "A[10, 20) n=1 wm@4", "B[20, 30) n=1 end"),
                h.fired());
    }

    @Test
    void theAggregateHasCountSumMinMaxAndAverage() {
        EngineHarness h = EngineHarness.tumbling(10, 0, 0).event("A", 1, 2.5).event("A", 2, -1).event("A", 3, 7).end();
        Aggregate a = h.firings.get(0).result();
        assertEquals(new Aggregate(3, 8.5, -1, 7), a);
        assertEquals(8.5 / 3, a.average(), 1e-12);
    }
}
