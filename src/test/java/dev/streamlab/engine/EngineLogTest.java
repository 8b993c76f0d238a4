package dev.streamlab.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineLogTest {

    private static List<LogEntry> entriesOfEvent(EngineHarness h, long event) {
        return h.log.stream().filter(e -> eventOf(e) == event).collect(Collectors.toList());
    }

    private static long eventOf(LogEntry e) {
        if (e instanceof LogEntry.ElementAssigned a) {
            return a.event();
        } else if (e instanceof LogEntry.WindowFired f) {
            return f.firing().afterEvent();
        } else if (e instanceof LogEntry.ElementDropped d) {
            return d.element().event();
        } else if (e instanceof LogEntry.WatermarkAdvanced w) {
            return w.event();
        } else if (e instanceof LogEntry.PartitionWatermarkAdvanced p) {
            return p.event();
        }
        return Long.MIN_VALUE;
    }

    @Test
    void aLateReFireIsLoggedAsAssignmentToTheDueWindowFollowedByAnElementFiring() {
        EngineHarness h = EngineHarness.tumbling(10, 0, 5).events(3, 7, 11, 4);
        List<LogEntry> entries = entriesOfEvent(h, 3);
        assertEquals(2, entries.size(), entries.toString());
        LogEntry.ElementAssigned assigned = assertInstanceOf(LogEntry.ElementAssigned.class, entries.get(0));
        assertEquals(List.of(new TimeWindow(0, 10)), assigned.windows());
        assertEquals(4, assigned.ts());
        Firing refire = assertInstanceOf(LogEntry.WindowFired.class, entries.get(1)).firing();
        assertEquals(FireCause.ELEMENT, refire.cause());
        assertEquals(3, refire.result().count());
        assertEquals(10, refire.watermark());
    }

    @Test
    void aDropIsLoggedWithTheExpiredWindowsAndTheLatenessBoundItCrossed() {
        EngineHarness h = EngineHarness.tumbling(10, 0, 5).events(3, 16, 2);
        LogEntry.ElementDropped dropped = h.logOf(LogEntry.ElementDropped.class).get(0);
        assertEquals(List.of(new TimeWindow(0, 10)), dropped.expiredWindows());
        LateElement e = dropped.element();
        assertEquals(2, e.event());
        assertEquals(15, e.watermark());
        assertEquals(5, e.allowedLatenessMs());
        assertEquals(LateElement.Reason.ALL_WINDOWS_EXPIRED, e.reason());
        assertTrue(e.ts() + e.allowedLatenessMs() <= e.watermark());
        assertEquals(List.of(new TimeWindow(0, 10)),
                h.logOf(LogEntry.ElementAssigned.class).get(2).expiredWindows());
    }

    @Test
    void theLogTellsTheWholeStoryInOrder() {
        EngineHarness h = EngineHarness.tumbling(10, 0, 0).events(3, 10).end();
        List<String> kinds = h.log.stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toList());
        assertEquals(List.of(
                "ElementAssigned", "WindowCreated", "PartitionWatermarkAdvanced", "WatermarkAdvanced",
                "ElementAssigned", "WindowCreated", "PartitionWatermarkAdvanced", "WatermarkAdvanced",
                "WindowFired", "StatePurged",
                "WatermarkAdvanced", "WindowFired", "StatePurged"), kinds);
    }

    @Test
    void withTheLogOffTheResultsAreTheSameAndNothingIsLogged() {
        EngineConfig config = EngineConfig.of(new WindowSpec.Session(10), 2, 20);
        EngineHarness on = EngineHarness.of(config).events(0, 12, 3, 30, 1, 55, 50, 5).end();
        EngineHarness off = EngineHarness.withoutLog(config).events(0, 12, 3, 30, 1, 55, 50, 5).end();
        assertEquals(on.fired(), off.fired());
        assertEquals(on.dropped(), off.dropped());
        assertTrue(off.log.isEmpty());
        assertTrue(on.log.size() > 10);
    }
}
