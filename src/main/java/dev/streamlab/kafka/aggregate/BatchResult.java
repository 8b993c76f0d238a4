package dev.streamlab.kafka.aggregate;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one run of the batch job computed and what made its input bounded: for each partition it read from
 * {@code startOffsets} up to (not including) {@code endOffsets}, the ends taken the moment it started; records
 * written after that moment are not in it. Times are epoch milliseconds; {@code tookMs} is how long the run lasted.
 */
public record BatchResult(String topic, Totals totals, Map<Integer, Long> startOffsets, Map<Integer, Long> endOffsets,
                          long recordsRead, long ranAtMs, long tookMs) {
    public BatchResult {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(totals, "totals");
        startOffsets = Collections.unmodifiableSortedMap(new TreeMap<>(startOffsets));
        endOffsets = Collections.unmodifiableSortedMap(new TreeMap<>(endOffsets));
        if (recordsRead != totals.records()) {
            throw new IllegalArgumentException("the totals cover every record read: " + recordsRead + " != "
                    + totals.records());
        }
        if (tookMs < 0) {
            throw new IllegalArgumentException("a run cannot take negative time: " + tookMs + " ms");
        }
    }
}
