package dev.streamlab.lab.validate.intermediate;

import dev.streamlab.lab.validate.intermediate.InputEvents.Event;
import dev.streamlab.lab.validate.intermediate.OutputWindows.WindowKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * What a correct counter would have written: the input events counted in tumbling windows of one size, by event
 * time (or, to recognise a counter that used the wrong clock, by the records' timestamps), per key or overall.
 */
final class Bucketing {
    private Bucketing() {
    }

    static Map<WindowKey, Long> byEventTime(List<Event> events, long size, boolean keyed) {
        return count(events, size, keyed, e -> e.time().millis());
    }

    /** By when each record was produced, as Kafka stamped it: what a processing-time counter sees. */
    static Map<WindowKey, Long> byTimestamp(List<Event> events, long size, boolean keyed) {
        return count(events, size, keyed, Event::timestamp);
    }

    static WindowKey windowOf(Event e, long size, boolean keyed) {
        return new WindowKey(keyed ? e.key() : null, Window.containing(e.time().millis(), size).start());
    }

    private static Map<WindowKey, Long> count(List<Event> events, long size, boolean keyed, ToLongFunction<Event> time) {
        Map<WindowKey, Long> counts = new TreeMap<>();
        for (Event e : events) {
            WindowKey id = new WindowKey(keyed ? e.key() : null, Window.containing(time.applyAsLong(e), size).start());
            counts.merge(id, 1L, Long::sum);
        }
        return counts;
    }

    /**
     * Whether the found counts are the expected ones, ignoring windows that say 0 where the input has nothing (a
     * counter may write those, and they are true).
     */
    static boolean same(Map<WindowKey, Long> expected, Map<WindowKey, Long> found) {
        return differences(expected, found).isEmpty();
    }

    /** The windows whose found count differs from the expected one, in key and start order. */
    static List<WindowKey> differences(Map<WindowKey, Long> expected, Map<WindowKey, Long> found) {
        TreeSet<WindowKey> all = new TreeSet<>(expected.keySet());
        all.addAll(found.keySet());
        List<WindowKey> different = new ArrayList<>();
        for (WindowKey id : all) {
            if (expected.getOrDefault(id, 0L).longValue() != found.getOrDefault(id, 0L).longValue()) {
                different.add(id);
            }
        }
        return different;
    }

    /** One sentence per window, at most {@code limit}, then how many more. */
    static List<String> describe(List<WindowKey> different, Map<WindowKey, Long> expected, Map<WindowKey, Long> found,
                                 long size, int limit) {
        List<String> lines = new ArrayList<>();
        for (WindowKey id : different.subList(0, Math.min(limit, different.size()))) {
            long want = expected.getOrDefault(id, 0L);
            lines.add("window " + id.describe(size) + ": the input has " + events(want) + " there by event_time, "
                    + (found.containsKey(id) ? "the output's latest count is " + found.get(id)
                    : "the output has no count for it"));
        }
        if (different.size() > limit) {
            lines.add("... and " + (different.size() - limit) + " more windows differ");
        }
        return lines;
    }

    static String events(long n) {
        return n == 1 ? "1 event" : n + " events";
    }
}
