package dev.streamlab.lab.validate.intermediate;

import dev.streamlab.lab.Submission;
import dev.streamlab.lab.validate.Check;
import dev.streamlab.lab.validate.Params;
import dev.streamlab.lab.validate.RecordFacts;
import dev.streamlab.lab.validate.TopicFacts;
import dev.streamlab.lab.validate.Verdict;
import dev.streamlab.lab.validate.intermediate.InputEvents.Event;
import dev.streamlab.lab.validate.intermediate.OutputWindows.WindowKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The output holds tumbling window counts (one size, aligned to the epoch, no overlap), and the latest count of each
 * window equals the input counted by event time in windows of that size: per key when the output names keys,
 * overall otherwise. Any consistent size passes; {@code windowSeconds} is only the size the texts suggest.
 */
final class TumblingCountsCheck implements Check {
    private final TopicFacts topics;
    private final RecordFacts records;

    TumblingCountsCheck(TopicFacts topics, RecordFacts records) {
        this.topics = topics;
        this.records = records;
    }

    @Override
    public Set<String> hintKeys() {
        return Set.of("no-output", "bad-output", "not-tumbling", "wrong-counts", "processing-time");
    }

    @Override
    public Verdict run(Submission submission, Params params) {
        long suggested = params.integer("windowSeconds", 60) * 1000L;
        OutputWindows.Result read = OutputWindows.read(records, topics, submission.output());
        if (read.problem() != null) {
            return read.problem();
        }
        OutputWindows output = read.windows();
        OutputWindows.Shape shape = output.shape();
        if (shape.failure().isPresent()) {
            return shape.failure().get();
        }
        long size = shape.size();
        List<Event> events = submission.topic() == null || topics.topic(submission.topic()).isEmpty() ? List.of()
                : InputEvents.read(records, submission.topic()).events();
        Map<WindowKey, Long> expected = Bucketing.byEventTime(events, size, output.keyed());
        Map<WindowKey, Long> found = output.counts();
        List<WindowKey> different = Bucketing.differences(expected, found);
        String sizeFound = "the output's windows are " + Window.seconds(size) + " long"
                + (size == suggested ? "" : " (the suggested size is " + Window.seconds(suggested) + "; any one size will do)")
                + ", counted " + (output.keyed() ? "per key" : "over all keys");
        if (different.isEmpty()) {
            return Verdict.pass(sizeFound,
                    "the latest count of each of its " + found.size() + " windows equals the input's "
                            + Bucketing.events(events.size()) + " counted by event_time");
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(sizeFound);
        if (events.isEmpty()) {
            evidence.add("the input topic " + submission.topic() + " has no events with an event_time to compare with");
            return Verdict.fail("wrong-counts", evidence);
        }
        evidence.addAll(Bucketing.describe(different, expected, found, size, 3));
        if (byProcessingTime(events, found, size, output.keyed())) {
            evidence.add("the output's counts follow when the records were produced (their Kafka timestamps), "
                    + "not their event_time");
            return Verdict.fail("processing-time", evidence);
        }
        return Verdict.fail("wrong-counts", evidence);
    }

    /**
     * Whether the counts look like a processing-time count: they equal the input bucketed by record timestamps, or
     * every counted window lies at or after the first record's arrival while the event times reach further back.
     */
    static boolean byProcessingTime(List<Event> events, Map<WindowKey, Long> found, long size, boolean keyed) {
        if (Bucketing.same(Bucketing.byTimestamp(events, size, keyed), found)) {
            return true;
        }
        long firstArrival = Window.containing(events.stream().mapToLong(Event::timestamp).min().orElseThrow(), size).start();
        long firstEvent = Window.containing(events.stream().mapToLong(e -> e.time().millis()).min().orElseThrow(), size).start();
        long total = found.values().stream().mapToLong(Long::longValue).sum();
        boolean allAtArrival = found.entrySet().stream().filter(e -> e.getValue() > 0)
                .allMatch(e -> e.getKey().start() >= firstArrival);
        return total == events.size() && firstEvent < firstArrival && allAtArrival;
    }
}
