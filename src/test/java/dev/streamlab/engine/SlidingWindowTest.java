package dev.streamlab.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SlidingWindowTest {

    private static EngineHarness sliding(long size, long slide, long bound, long lateness) {
        return EngineHarness.of(EngineConfig.of(new WindowSpec.Sliding(size, slide), bound, lateness));
    }

    @Test
    void anElementBelongsToEveryWindowCoveringItLatestStartFirst() {
        EngineHarness h = sliding(10, 5, 0, 0).events(3, 7, 12, 18).end();
        assertEquals(List.of("A[-5, 5) n=1 wm@1", "A[0, 10) n=2 wm@2", "A[5, 15) n=2 wm@3", "A[10, 20) n=2 end",
                "A[15, 25) n=1 end"), h.fired());
        assertEquals(List.of(new TimeWindow(0, 10), new TimeWindow(-5, 5)),
                h.logOf(LogEntry.ElementAssigned.class).get(0).windows());
    }

    @Test
    void whenSizeIsNotAMultipleOfSlideAnElementIsInThreeOrFourWindows() {
        EngineHarness h = sliding(10, 3, 0, 0).events(0, 1).end();
        List<LogEntry.ElementAssigned> assigned = h.logOf(LogEntry.ElementAssigned.class);
        assertEquals(List.of(new TimeWindow(0, 10), new TimeWindow(-3, 7), new TimeWindow(-6, 4), new TimeWindow(-9, 1)),
                assigned.get(0).windows());
        assertEquals(List.of(new TimeWindow(0, 10), new TimeWindow(-3, 7), new TimeWindow(-6, 4)),
                assigned.get(1).windows());
    }

    @Test
    void anElementLateForOneWindowButAcceptedByAnotherIsNeitherDroppedNorAddedToTheLateWindow() {
        EngineHarness h = sliding(10, 5, 0, 0).event("B", 11).event("A", 7).event("A", 4).end();
        assertEquals(List.of("A@4#2"), h.dropped());
        assertEquals(List.of("A[5, 15) n=1 end", "B[10, 20) n=1 end", "B[5, 15) n=1 end"),
                h.fired().stream().sorted().toList());
        LogEntry.ElementAssigned a7 = h.logOf(LogEntry.ElementAssigned.class).get(1);
        assertEquals(List.of(new TimeWindow(5, 15)), a7.windows());
        assertEquals(List.of(new TimeWindow(0, 10)), a7.expiredWindows());
    }

    @Test
    void withSlideLargerThanSizeAGapElementVanishesUnlessItIsLateThenItIsSideOutput() {
        EngineHarness silent = sliding(5, 10, 0, 0).events(7, 12).end();
        assertEquals(List.of("A[10, 15) n=1 end"), silent.fired());
        assertEquals(List.of(), silent.dropped());

        EngineHarness late = sliding(2000, 5000, 0, 0).events(1000, 3000, 2500).end();
        assertEquals(List.of("A@2500#2"), late.dropped());
        assertEquals(LateElement.Reason.IN_NO_WINDOW, late.late.get(0).reason());
    }

    @Test
    void aLateElementCanCreateANewWindowThatIsAlreadyDueAndFiresItAtOnce() {
        EngineHarness h = sliding(10, 5, 0, 40).events(3, 30, -6).end();
        assertEquals(List.of("A[-5, 5) n=1 wm@1", "A[0, 10) n=1 wm@1", "A[-10, 0) n=1 element@2",
                "A[-15, -5) n=1 element@2", "A[25, 35) n=1 end", "A[30, 40) n=1 end"), h.fired());
        assertEquals(List.of(), h.dropped());
    }
}
