package dev.streamlab.lab.validate.intermediate;

import dev.streamlab.kafka.EventTime;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streamlab.lab.validate.RecordFacts;
import dev.streamlab.lab.validate.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The learner's output topic read as window counts with upsert semantics: each record says "window W (of key K) has
 * count N", and a later record for the same key and window start replaces an earlier one. Within a partition the
 * later offset wins; across partitions the later record timestamp does.
 */
public final class OutputWindows {
    private final List<WindowCount> all;
    private final Map<WindowKey, WindowCount> latest;
    private final boolean keyed;

    private OutputWindows(List<WindowCount> all) {
        this.all = List.copyOf(all);
        this.keyed = all.stream().anyMatch(c -> c.id().key() != null);
        this.latest = latestOf(all);
    }

    /** A window of one key ({@code null} when counting overall), named by its start. */
    public record WindowKey(String key, long start) implements Comparable<WindowKey> {
        private static final Comparator<WindowKey> ORDER = Comparator
                .comparing(WindowKey::key, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(WindowKey::start);

        @Override
        public int compareTo(WindowKey other) {
            return ORDER.compare(this, other);
        }

        /** e.g. {@code [12:00:00, 12:01:00) of cust-1} */
        public String describe(long size) {
            return new Window(start, start + size) + (key == null ? "" : " of " + key);
        }
    }

    /** One output record: where it is, its window and count, and its record timestamp. */
    public record WindowCount(int partition, long offset, String key, Window window, long count, long timestamp) {
        public WindowKey id() {
            return new WindowKey(key, window.start());
        }
    }

    /** The output records, or a failing verdict ("no-output", "bad-output") saying why they cannot be read as counts. */
    public static Result read(RecordFacts facts, dev.streamlab.lab.validate.TopicFacts topics, String output) {
        if (output == null) {
            return new Result(null, Verdict.fail("no-output", "no output topic was named"));
        }
        if (topics.topic(output).isEmpty()) {
            return new Result(null, Verdict.fail("no-output", "there is no topic " + output));
        }
        List<RecordFacts.Seen> records = facts.records(output, true);
        if (records.isEmpty()) {
            return new Result(null, Verdict.fail("no-output", output + " exists but holds no records yet"));
        }
        List<WindowCount> counts = new ArrayList<>();
        for (RecordFacts.Seen r : records) {
            String where = output + " partition " + r.partition() + " offset " + r.offset();
            JsonNode value = InputEvents.json(r.value());
            if (value == null || !value.isObject()) {
                return new Result(null, Verdict.fail("bad-output", where + (r.value() == null ? " has no value"
                        : " holds " + InputEvents.quote(r.value()) + ", which is not a JSON object")));
            }
            for (String field : List.of("window_start", "window_end", "count")) {
                if (!value.hasNonNull(field)) {
                    return new Result(null, Verdict.fail("bad-output", where + " has no " + field
                            + "; its fields are " + InputEvents.fields(value)));
                }
            }
            long start;
            long end;
            try {
                start = EventTime.parse(value.get("window_start")).millis();
                end = EventTime.parse(value.get("window_end")).millis();
            } catch (EventTime.Unreadable e) {
                return new Result(null, Verdict.fail("bad-output", where + " has a window_start or window_end that is "
                        + "not a time: " + e.getMessage()));
            }
            JsonNode count = value.get("count");
            if (!count.isIntegralNumber() && !(count.isNumber() && count.decimalValue().stripTrailingZeros().scale() <= 0)) {
                return new Result(null, Verdict.fail("bad-output", where + " has count " + count
                        + ", which is not a whole number"));
            }
            if (end <= start) {
                return new Result(null, Verdict.fail("not-tumbling", where + " has a window that ends at "
                        + Window.clock(end) + ", not after its start " + Window.clock(start)));
            }
            String key = value.hasNonNull("key") ? value.get("key").asText() : null;
            counts.add(new WindowCount(r.partition(), r.offset(), key, new Window(start, end), count.asLong(),
                    r.timestamp()));
        }
        return new Result(new OutputWindows(counts), null);
    }

    /** Either the output windows or why there are none to look at. */
    public record Result(OutputWindows windows, Verdict problem) {
        public Result {
            if ((windows == null) == (problem == null)) {
                throw new IllegalArgumentException("a result is either windows or a problem");
            }
        }
    }

    private static Map<WindowKey, WindowCount> latestOf(List<WindowCount> all) {
        Map<WindowKey, Map<Integer, WindowCount>> lastPerPartition = new HashMap<>();
        for (WindowCount c : all) {
            // Records arrive in partition and offset order, so the last one put per partition is the latest there.
            lastPerPartition.computeIfAbsent(c.id(), k -> new HashMap<>()).put(c.partition(), c);
        }
        Map<WindowKey, WindowCount> latest = new TreeMap<>();
        lastPerPartition.forEach((id, byPartition) -> latest.put(id, byPartition.values().stream()
                .max(Comparator.comparingLong(WindowCount::timestamp).thenComparingInt(WindowCount::partition))
                .orElseThrow()));
        return latest;
    }

    /** Whether the output counts per key (its values carry a "key"). */
    public boolean keyed() {
        return keyed;
    }

    public int records() {
        return all.size();
    }

    /** The latest record of each window, in key and start order. */
    public Map<WindowKey, WindowCount> latest() {
        return latest;
    }

    /** The latest count of each window. */
    public Map<WindowKey, Long> counts() {
        Map<WindowKey, Long> counts = new TreeMap<>();
        latest.forEach((id, c) -> counts.put(id, c.count()));
        return counts;
    }

    /**
     * The one window size of the output, or a failing "not-tumbling" verdict when windows differ in size, overlap,
     * or do not start at a multiple of their size since the epoch.
     */
    public Shape shape() {
        Map<Long, WindowCount> bySize = new TreeMap<>();
        for (WindowCount c : latest.values()) {
            bySize.putIfAbsent(c.window().size(), c);
        }
        if (bySize.size() > 1) {
            List<String> sizes = bySize.values().stream().map(c -> Window.seconds(c.window().size()) + " (e.g. "
                    + c.window() + " at partition " + c.partition() + " offset " + c.offset() + ")").toList();
            return Shape.problem(Verdict.fail("not-tumbling", "the output has windows of " + bySize.size()
                    + " different sizes: " + String.join(", ", sizes)));
        }
        long size = bySize.keySet().iterator().next();
        Map<String, List<WindowCount>> byKey = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        latest.values().forEach(c -> byKey.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c));
        for (List<WindowCount> windows : byKey.values()) {
            for (int i = 1; i < windows.size(); i++) {
                WindowCount before = windows.get(i - 1);
                WindowCount after = windows.get(i);
                if (before.window().overlaps(after.window())) {
                    return Shape.problem(Verdict.fail("not-tumbling", "windows " + before.window() + " and "
                            + after.window() + (after.key() == null ? "" : " of " + after.key())
                            + " overlap: every " + Window.seconds(after.window().start() - before.window().start())
                            + " a new " + Window.seconds(size) + " window starts, so an event is counted in more "
                            + "than one"));
                }
            }
        }
        for (WindowCount c : latest.values()) {
            if (!c.window().aligned()) {
                return Shape.problem(Verdict.fail("not-tumbling", "window " + c.window() + " at partition "
                        + c.partition() + " offset " + c.offset() + " starts " + Window.seconds(
                        Math.floorMod(c.window().start(), size)) + " after a multiple of its size "
                        + Window.seconds(size) + " since the epoch"));
            }
        }
        return new Shape(size, null);
    }

    /** The output's window size, or why it has none. */
    public record Shape(long size, Verdict problem) {
        static Shape problem(Verdict problem) {
            return new Shape(0, Objects.requireNonNull(problem));
        }

        public Optional<Verdict> failure() {
            return Optional.ofNullable(problem);
        }
    }
}
