package dev.streamlab.kafka.aggregate;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The running aggregation of a topic at one moment: the totals of every record it has seen since it started, and
 * for each partition the offset it will read next. It never finishes; {@code running} is false only while it
 * waits for its topic (see {@code problem}). Times are epoch milliseconds, {@code lastRecordMs} 0 before the first.
 */
public record RunningState(String topic, boolean running, Totals totals, Map<Integer, Long> positions, long recordsSeen,
                           long sinceMs, long lastRecordMs, String problem) {
    public RunningState {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(totals, "totals");
        positions = Collections.unmodifiableSortedMap(new TreeMap<>(positions));
        if (recordsSeen != totals.records()) {
            throw new IllegalArgumentException("the totals cover every record seen: " + recordsSeen + " != "
                    + totals.records());
        }
    }
}
