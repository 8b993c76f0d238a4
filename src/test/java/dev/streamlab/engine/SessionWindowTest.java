package dev.streamlab.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionWindowTest {

    private static EngineHarness sessions(long gap, long bound, long lateness) {
        return EngineHarness.of(EngineConfig.of(new WindowSpec.Session(gap), bound, lateness));
    }

    @Test
    void sessionsThatMerelyTouchMergeAndARetiredSessionCannotBeBridged() {
        EngineHarness h = sessions(10, 0, 0).events(0, 10, 21, 15, 40).end();
        assertEquals(List.of("A[0, 20) n=2 wm@2", "A[15, 31) n=2 wm@4", "A[40, 50) n=1 end"), h.fired());
        LogEntry.WindowsMerged first = h.logOf(LogEntry.WindowsMerged.class).get(0);
        assertEquals(List.of(new TimeWindow(0, 10)), first.merged());
        assertEquals(new TimeWindow(0, 20), first.result());
        assertEquals(1, first.event());
    }

    @Test
    void aLateBridgeWithinTheLatenessMergesIntoALargerWindowThatFiresLaterByWatermark() {
        EngineHarness h = sessions(10, 0, 5).events(0, 12, 3, 30).end();
        assertEquals(List.of("A[0, 10) n=1 wm@1", "A[0, 22) n=3 wm@3", "A[30, 40) n=1 end"), h.fired());
    }

    @Test
    void aLateElementMergingTwoFiredSessionsFiresTheMergedWindowAtOnce() {
        EngineHarness h = sessions(10, 0, 100).events(0, 15, 40, 8).end();
        assertEquals(List.of("A[0, 10) n=1 wm@1", "A[15, 25) n=1 wm@2", "A[0, 25) n=3 element@3", "A[40, 50) n=1 end"),
                h.fired());
        LogEntry.WindowsMerged merge = h.logOf(LogEntry.WindowsMerged.class).get(0);
        assertEquals(List.of(new TimeWindow(0, 10), new TimeWindow(15, 25)), merge.merged());
        assertEquals(new TimeWindow(8, 18), merge.elementWindow());
        assertEquals(new TimeWindow(0, 25), merge.result());
        assertEquals(List.of(), h.dropped());
    }

    @Test
    void aLateElementWhoseOwnSessionWouldBeExpiredIsDroppedWhenItMergesWithNothing() {
        EngineHarness h = sessions(5, 0, 0).event("k1", 0).event("k1", 5).event("k1", 1).event("k2", 11)
                .event("k1", 5).event("k1", 30).end();
        assertEquals(List.of("k1@5#4"), h.dropped());
        assertEquals(List.of("k1[0, 10) n=3 wm@3", "k2[11, 16) n=1 wm@5", "k1[30, 35) n=1 end"), h.fired());
    }

    @Test
    void mergedSessionsSumTheirContents() {
        EngineHarness h = sessions(10, 100, 0).event("A", 0, 1.5).event("A", 20, 2).event("A", 10, 4).end();
        assertEquals(List.of("A[0, 30) n=3 end"), h.fired());
        assertEquals(new Aggregate(3, 7.5, 1.5, 4), h.firings.get(0).result());
    }
}
