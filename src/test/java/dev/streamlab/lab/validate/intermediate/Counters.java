package dev.streamlab.lab.validate.intermediate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamlab.testing.Kafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Window counters the way learners get them wrong, each a few lines: they read the input topic like a learner's
 * program, count, and write their windows to the output topic on the real broker, so the checks judge real records.
 */
final class Counters {
    /** An input record as a counter sees it: where, its event time in epoch seconds, its Kafka timestamp. */
    record In(int partition, long offset, String key, double eventSeconds, long timestampMillis) {
    }

    private Counters() {
    }

    static List<In> read(String topic) {
        List<In> in = new ArrayList<>();
        for (ConsumerRecord<String, String> r : Kafka.readAll(Bench.BOOTSTRAP, topic, "read_committed")) {
            try {
                JsonNode value = Orders.JSON.readTree(r.value());
                in.add(new In(r.partition(), r.offset(), r.key(), value.get("event_time").asDouble(), r.timestamp()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return in;
    }

    /** Counts each event in the window starts {@code windows} gives it and writes each window's final count once. */
    static void count(String topic, String output, long size, Function<In, List<Long>> windows) {
        Map<Long, Long> counts = new TreeMap<>();
        for (In e : read(topic)) {
            windows.apply(e).forEach(start -> counts.merge(start, 1L, Long::sum));
        }
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        counts.forEach((start, n) -> out.add(window(output, start, start + size, n)));
        Kafka.produce(Bench.BOOTSTRAP, output, out);
    }

    static ProducerRecord<String, String> window(String output, long start, long end, long count) {
        return new ProducerRecord<>(output, String.valueOf(start),
                "{\"window_start\": " + start + ", \"window_end\": " + end + ", \"count\": " + count + "}");
    }

    static long tumbling(double seconds, long size) {
        return Math.floorDiv((long) Math.floor(seconds), size) * size;
    }

    /** Right: by each event's own time. */
    static void byEventTime(String topic, String output) {
        count(topic, output, 60, e -> List.of(tumbling(e.eventSeconds(), 60)));
    }

    /** By when the record was produced (its Kafka timestamp): processing time. */
    static void byRecordTimestamp(String topic, String output) {
        count(topic, output, 60, e -> List.of(tumbling(e.timestampMillis() / 1000.0, 60)));
    }

    /** Trusts arrival order: an event older than the newest seen so far goes to the newest one's window. */
    static void lateInCurrentWindow(String topic, String output) {
        Map<Integer, Double> newest = new HashMap<>();
        count(topic, output, 60, e -> {
            double current = Math.max(e.eventSeconds(), newest.getOrDefault(e.partition(), e.eventSeconds()));
            newest.put(e.partition(), current);
            return List.of(tumbling(current, 60));
        });
    }

    /** Sliding windows of 60 s every 30 s: each event lands in two overlapping windows. */
    static void sliding(String topic, String output) {
        count(topic, output, 60, e -> {
            long start = tumbling(e.eventSeconds(), 30);
            return List.of(start - 30, start);
        });
    }

    /** 60 s windows that start 15 s past the minute. */
    static void misaligned(String topic, String output) {
        count(topic, output, 60, e -> List.of(tumbling(e.eventSeconds() - 15, 60) + 15));
    }

    /** Loses the last event it reads (as when a program stops before its last poll is handled). */
    static void dropsTheLastEvent(String topic, String output) {
        List<In> all = read(topic);
        In last = all.get(all.size() - 1);
        count(topic, output, 60, e -> e.equals(last) ? List.of() : List.of(tumbling(e.eventSeconds(), 60)));
    }

    /** Ignores any event older than the newest seen, as a window that already closed would. */
    static void dropsLateEvents(String topic, String output) {
        Map<Integer, Double> newest = new HashMap<>();
        count(topic, output, 60, e -> {
            double before = newest.getOrDefault(e.partition(), Double.NEGATIVE_INFINITY);
            newest.put(e.partition(), Math.max(before, e.eventSeconds()));
            return e.eventSeconds() < before ? List.of() : List.of(tumbling(e.eventSeconds(), 60));
        });
    }

    /** Writes {"count": 1} for every event instead of the window's new total. */
    static void writesIncrements(String topic, String output) {
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        for (In e : read(topic)) {
            long start = tumbling(e.eventSeconds(), 60);
            out.add(window(output, start, start + 60, 1));
        }
        Kafka.produce(Bench.BOOTSTRAP, output, out);
    }

    /** Writes text like the chapter's first sketch: "window=12:00 count=42". */
    static void writesText(String topic, String output) {
        Map<Long, Long> counts = new TreeMap<>();
        read(topic).forEach(e -> counts.merge(tumbling(e.eventSeconds(), 60), 1L, Long::sum));
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        counts.forEach((start, n) -> out.add(new ProducerRecord<>(output, null,
                "window=" + Window.clock(start * 1000).substring(0, 5) + " count=" + n)));
        Kafka.produce(Bench.BOOTSTRAP, output, out);
    }
}
