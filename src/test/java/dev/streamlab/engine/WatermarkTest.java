package dev.streamlab.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WatermarkTest {

    private static List<Long> combinedWatermarks(EngineHarness h) {
        return h.logOf(LogEntry.WatermarkAdvanced.class).stream().map(LogEntry.WatermarkAdvanced::watermark)
                .collect(Collectors.toList());
    }

    @Test
    void theWatermarkIsMaxTimestampMinusBoundMinusOneAndIsForwardedOnlyWhenItIncreases() {
        EngineHarness h = EngineHarness.tumbling(100, 5, 0).events(10, 12, 7, 20);
        assertEquals(List.of(4L, 6L, 14L), combinedWatermarks(h));
        assertEquals(3, h.logOf(LogEntry.WatermarkAdvanced.class).get(2).event());
        assertEquals(14, h.engine.currentWatermark());
    }

    @Test
    void beforeTheFirstEventTheWatermarkIsMinValueAndEndOfInputRaisesItToMaxValue() {
        EngineHarness h = EngineHarness.tumbling(10, 0, 0);
        assertEquals(Long.MIN_VALUE, h.engine.currentWatermark());
        h.end();
        assertEquals(Long.MAX_VALUE, h.engine.currentWatermark());
        assertEquals(LogEntry.WatermarkAdvanced.Cause.END_OF_INPUT, h.logOf(LogEntry.WatermarkAdvanced.class).get(0).cause());
    }

    @Test
    void theCombinedWatermarkIsTheMinimumOverPartitions() {
        EngineHarness h = EngineHarness.of(EngineConfig.of(new WindowSpec.Tumbling(10), 0, 0).withPartitions(2));
        h.on(0).events(5, 12).on(1).events(3).on(0).events(25).on(1).events(11, 26).end();
        assertEquals(List.of(2L, 10L, 24L, Long.MAX_VALUE), combinedWatermarks(h));
        assertEquals(List.of("A[0, 10) n=2 wm@4", "A[10, 20) n=2 wm@5", "A[20, 30) n=2 end"), h.fired());
        assertEquals(List.of(), h.dropped());
    }

    @Test
    void aPartitionThatHasSeenNothingHoldsTheWatermarkAtMinValueUntilTheEnd() {
        EngineHarness h = EngineHarness.of(EngineConfig.of(new WindowSpec.Tumbling(10), 0, 0).withPartitions(2));
        h.on(0).events(5, 15, 25, 35);
        assertEquals(Long.MIN_VALUE, h.engine.currentWatermark());
        assertEquals(List.of(), h.fired());
        h.end();
        assertEquals(4, h.firings.size());
    }

    @Test
    void idlenessReleasesAStalledPartitionAndAnEventMakesItActiveAgain() {
        EngineHarness h = EngineHarness.of(EngineConfig.of(new WindowSpec.Tumbling(10), 0, 0).withPartitions(2)
                .withIdleness(100));
        h.at(0).on(0).event("A", 5).at(60).event("A", 25);
        assertEquals(Long.MIN_VALUE, h.engine.currentWatermark());

        h.at(100).engine.advanceProcessingTime();
        assertEquals(Long.MIN_VALUE, h.engine.currentWatermark(), "idle only after strictly more than the timeout");

        h.at(101).engine.advanceProcessingTime();
        assertEquals(24, h.engine.currentWatermark());
        assertEquals(List.of("A[0, 10) n=1 wm@1"), h.fired());
        LogEntry.PartitionIdle idle = h.logOf(LogEntry.PartitionIdle.class).get(0);
        assertEquals(1, idle.partition());
        LogEntry.WatermarkAdvanced advanced = h.logOf(LogEntry.WatermarkAdvanced.class).get(0);
        assertEquals(LogEntry.WatermarkAdvanced.Cause.IDLENESS, advanced.cause());
        assertEquals(1, advanced.partition());

        h.at(120).on(1).event("B", 27);
        assertEquals(List.of(new LogEntry.PartitionActive(1, 2)), h.logOf(LogEntry.PartitionActive.class));
        assertEquals(24, h.engine.currentWatermark(), "the returning partition is behind, so nothing moves");

        h.at(150).on(0).event("A", 40);
        assertEquals(26, h.engine.currentWatermark(), "the returning partition holds the watermark again");
        h.end();
        assertEquals(List.of("A[0, 10) n=1 wm@1", "A[20, 30) n=1 end", "B[20, 30) n=1 end", "A[40, 50) n=1 end"),
                h.fired());
    }

    @Test
    void anIdleTimeoutIsAlsoCheckedWhenAnEventArrivesOnAnotherPartition() {
        EngineHarness h = EngineHarness.of(EngineConfig.of(new WindowSpec.Tumbling(10), 0, 0).withPartitions(2)
                .withIdleness(100));
        h.at(0).on(0).event("A", 5).at(200).event("A", 25);
        assertEquals(24, h.engine.currentWatermark());
        assertEquals(List.of("A[0, 10) n=1 wm@1"), h.fired());
    }

    @Test
    void whenEveryPartitionIsIdleTheWatermarkStaysWhereItWas() {
        EngineHarness h = EngineHarness.of(EngineConfig.of(new WindowSpec.Tumbling(10), 0, 0).withPartitions(2)
                .withIdleness(10));
        h.at(0).on(0).event("A", 5).on(1).event("A", 7);
        assertEquals(4, h.engine.currentWatermark());
        h.at(1000).engine.advanceProcessingTime();
        assertEquals(2, h.logOf(LogEntry.PartitionIdle.class).size());
        assertEquals(4, h.engine.currentWatermark());
    }
}
