package dev.streamlab.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ValidationTest {

    @Test
    void windowSizesSlidesAndGapsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new WindowSpec.Tumbling(0));
        assertThrows(IllegalArgumentException.class, () -> new WindowSpec.Sliding(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new WindowSpec.Sliding(-1, 5));
        assertThrows(IllegalArgumentException.class, () -> new WindowSpec.Session(0));
    }

    @Test
    void offsetsFollowFlinkAbsoluteValueBelowSizeOrSlide() {
        assertDoesNotThrow(() -> new WindowSpec.Tumbling(10, -9));
        assertThrows(IllegalArgumentException.class, () -> new WindowSpec.Tumbling(10, 10));
        assertThrows(IllegalArgumentException.class, () -> new WindowSpec.Tumbling(10, -10));
        assertDoesNotThrow(() -> new WindowSpec.Sliding(10, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> new WindowSpec.Sliding(10, 5, 5));
    }

    @Test
    void boundLatenessPartitionsAndIdlenessAreChecked() {
        WindowSpec w = new WindowSpec.Tumbling(10);
        assertThrows(IllegalArgumentException.class, () -> EngineConfig.of(w, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> EngineConfig.of(w, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> EngineConfig.of(w, 0, 0).withPartitions(0));
        assertThrows(IllegalArgumentException.class, () -> EngineConfig.of(w, 0, 0).withIdleness(-5));
        assertThrows(IllegalArgumentException.class,
                () -> EngineConfig.of(w, 0, 0).withProcessingTimeWindows(new WindowSpec.Session(5)));
    }

    @Test
    void theEngineRejectsUnknownPartitionsMinValueTimestampsAndEventsAfterTheEnd() {
        EngineHarness h = EngineHarness.tumbling(10, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> h.engine.onEvent("A", 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> h.engine.onEvent("A", Long.MIN_VALUE, 0, 0));
        h.end();
        assertThrows(IllegalStateException.class, () -> h.engine.onEvent("A", 1, 0, 0));
    }

    @Test
    void aWindowMustEndAfterItStartsAndTheManualClockNeverGoesBack() {
        assertThrows(IllegalArgumentException.class, () -> new TimeWindow(5, 5));
        ManualClock clock = new ManualClock(10);
        assertThrows(IllegalArgumentException.class, () -> clock.set(9));
    }
}
