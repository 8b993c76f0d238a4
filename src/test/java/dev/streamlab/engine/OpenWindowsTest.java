package dev.streamlab.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Engine#openWindows()}: what a long-running pipeline holds, counted up on creation and down on purge and merge. */
class OpenWindowsTest {

    @Test
    void slidingWindowsAreCountedWhenCreatedAndUncountedWhenPurgedAfterTheLateness() {
        EngineHarness h = EngineHarness.of(EngineConfig.of(new WindowSpec.Sliding(30, 10), 0, 5));
        h.event("a", 25); // in [0,30), [10,40), [20,50)
        assertEquals(3, h.engine.openWindows());
        h.event("b", 25);
        assertEquals(6, h.engine.openWindows());
        h.event("a", 36); // watermark 35: both keys' [0,30) fired and purged (cleanup 34); [30,60) opens for a
        assertEquals(5, h.engine.openWindows());
        h.end();
        assertEquals(0, h.engine.openWindows());
    }

    @Test
    void mergedSessionsCountOnce() {
        EngineHarness h = EngineHarness.of(EngineConfig.of(new WindowSpec.Session(10), 100, 0));
        h.event("a", 0).event("a", 20);
        assertEquals(2, h.engine.openWindows());
        h.event("a", 10); // [10,20) touches both: one session [0,30)
        assertEquals(1, h.engine.openWindows());
        h.end();
        assertEquals(0, h.engine.openWindows());
    }
}
