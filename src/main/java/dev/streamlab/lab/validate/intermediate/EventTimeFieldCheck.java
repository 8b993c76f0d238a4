package dev.streamlab.lab.validate.intermediate;

import dev.streamlab.kafka.EventTime;
import dev.streamlab.lab.Submission;
import dev.streamlab.lab.validate.Check;
import dev.streamlab.lab.validate.Params;
import dev.streamlab.lab.validate.RecordFacts;
import dev.streamlab.lab.validate.TopicFacts;
import dev.streamlab.lab.validate.Verdict;
import dev.streamlab.lab.validate.intermediate.InputEvents.Event;
import dev.streamlab.lab.validate.intermediate.InputEvents.Problem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The input topic exists, holds records, and every record is a JSON object with an {@code event_time} the lab can
 * read (epoch seconds, epoch milliseconds or ISO-8601): without it there is nothing to bucket by event time.
 */
final class EventTimeFieldCheck implements Check {
    private final TopicFacts topics;
    private final RecordFacts records;

    EventTimeFieldCheck(TopicFacts topics, RecordFacts records) {
        this.topics = topics;
        this.records = records;
    }

    @Override
    public Set<String> hintKeys() {
        return Set.of("no-topic", "no-records", "not-json", "no-event-time");
    }

    @Override
    public Verdict run(Submission submission, Params params) {
        String topic = submission.topic();
        if (topic == null) {
            return Verdict.fail("no-topic", "no input topic was named");
        }
        var found = topics.topic(topic);
        if (found.isEmpty()) {
            return Verdict.fail("no-topic", "there is no topic " + topic);
        }
        InputEvents input = InputEvents.read(records, topic);
        int total = input.events().size() + input.problems().size();
        if (total == 0) {
            return Verdict.fail("no-records", topic + " has " + found.get().partitions().size()
                    + " partitions and no records yet");
        }
        for (String kind : List.of("not-json", "no-event-time")) {
            List<Problem> problems = input.problems().stream().filter(p -> p.kind().equals(kind)).toList();
            if (!problems.isEmpty()) {
                List<String> evidence = new ArrayList<>();
                evidence.add(problems.size() + " of " + total + " records in " + topic
                        + (kind.equals("not-json") ? " are not JSON objects" : " have no readable event_time"));
                problems.stream().limit(3).map(Problem::sentence).forEach(evidence::add);
                return Verdict.fail(kind, evidence);
            }
        }
        Set<String> formats = new LinkedHashSet<>();
        // Python's time.time() is now and then a whole number; that is still the same format to the learner.
        input.events().forEach(e -> formats.add((e.time().format() == EventTime.Format.SECONDS_WITH_FRACTION
                ? EventTime.Format.SECONDS : e.time().format()).description()));
        long first = input.events().stream().mapToLong(e -> e.time().millis()).min().orElseThrow();
        long last = input.events().stream().mapToLong(e -> e.time().millis()).max().orElseThrow();
        long partitions = input.events().stream().mapToInt(Event::partition).distinct().count();
        return Verdict.pass(
                topic + " has " + Bucketing.events(total) + " in " + partitions + " of its "
                        + found.get().partitions().size() + " partitions, each with an event_time in "
                        + String.join(" or ", formats),
                "their event times run from " + Window.clock(first) + " to " + Window.clock(last) + " UTC");
    }
}
