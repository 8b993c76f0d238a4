package dev.streamlab.lab.validate.intermediate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tumbling window {@code [start, end)} holds its start and not its end. */
class WindowTest {
    /** 2025-11-25T11:59:30Z */
    private static final long AT = 1_764_071_970_000L;

    @Test
    void aTumblingWindowHoldsItsStartAndNotItsEnd() {
        Window minute = Window.containing(AT, 60_000);

        assertEquals("[11:59:00, 12:00:00)", minute.toString());
        assertEquals(minute, Window.containing(minute.start(), 60_000));
        assertEquals(minute.end(), Window.containing(minute.end(), 60_000).start());
        assertTrue(minute.aligned());
    }

    @Test
    void timesBeforeTheEpochStillFallInTheWindowBelowThem() {
        assertEquals(new Window(-60_000, 0), Window.containing(-1, 60_000));
    }
}
