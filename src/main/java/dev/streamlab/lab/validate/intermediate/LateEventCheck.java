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
import java.util.Optional;
import java.util.Set;

/**
 * The input holds at least one out-of-order event ({@link LateEvent}), and the output counts each one in its true
 * window by event time: that window's latest count equals the input's, not one short with the extra count in the
 * window that was current when it arrived.
 */
final class LateEventCheck implements Check {
    private final TopicFacts topics;
    private final RecordFacts records;

    LateEventCheck(TopicFacts topics, RecordFacts records) {
        this.topics = topics;
        this.records = records;
    }

    @Override
    public Set<String> hintKeys() {
        return Set.of("no-late-event", "counts-first", "late-in-current-window", "late-not-counted", "late-window-wrong");
    }

    @Override
    public Verdict run(Submission submission, Params params) {
        String topic = submission.topic();
        if (topic == null || topics.topic(topic).isEmpty()) {
            return Verdict.fail("no-late-event", topic == null ? "no input topic was named" : "there is no topic " + topic);
        }
        List<Event> events = InputEvents.read(records, topic).events();
        OutputWindows.Result read = OutputWindows.read(records, topics, submission.output());
        Optional<Verdict> outputProblem = read.problem() != null ? Optional.of(read.problem())
                : read.windows().shape().failure();
        long size = outputProblem.isEmpty() ? read.windows().shape().size()
                : params.integer("windowSeconds", 60) * 1000L;
        List<LateEvent> late = LateEvent.in(events, size);
        if (late.isEmpty()) {
            return Verdict.fail("no-late-event", "none of the " + Bucketing.events(events.size()) + " in " + topic
                    + " arrived after an event of a later " + Window.seconds(size) + " window in its partition");
        }
        if (outputProblem.isPresent()) {
            List<String> evidence = new ArrayList<>();
            evidence.add(topic + " has " + late.size() + " late event" + (late.size() == 1 ? "" : "s") + ", the first at "
                    + late.get(0).describe());
            evidence.add("but the output cannot be read as window counts yet:");
            evidence.addAll(outputProblem.get().evidence());
            return Verdict.fail("counts-first", evidence);
        }
        boolean keyed = read.windows().keyed();
        Map<WindowKey, Long> expected = Bucketing.byEventTime(events, size, keyed);
        Map<WindowKey, Long> found = read.windows().counts();
        List<String> passed = new ArrayList<>();
        for (LateEvent l : late) {
            WindowKey home = Bucketing.windowOf(l.event(), size, keyed);
            long want = expected.getOrDefault(home, 0L);
            long got = found.getOrDefault(home, 0L);
            String belongs = "the late event at " + l.describe() + " belongs in " + home.describe(size) + ": the input "
                    + "has " + Bucketing.events(want) + " there";
            if (got == want) {
                passed.add(belongs + ", and the output's latest count is " + got);
                continue;
            }
            if (got > want) {
                return Verdict.fail("late-window-wrong", belongs + ", but the output's latest count is " + got);
            }
            String shortBy = belongs + ", but the output " + (found.containsKey(home)
                    ? "says " + got : "has no count for that window");
            Optional<WindowKey> over = found.keySet().stream()
                    .filter(id -> java.util.Objects.equals(id.key(), home.key()) && id.start() > home.start())
                    .filter(id -> found.get(id) > expected.getOrDefault(id, 0L))
                    .findFirst();
            if (over.isPresent()) {
                return Verdict.fail("late-in-current-window", shortBy, "window " + over.get().describe(size)
                        + " says " + found.get(over.get()) + " where the input has "
                        + Bucketing.events(expected.getOrDefault(over.get(), 0L))
                        + ": the late event was counted in a window that was current when it arrived");
            }
            return Verdict.fail("late-not-counted", shortBy);
        }
        List<String> evidence = new ArrayList<>(passed.subList(0, Math.min(3, passed.size())));
        if (passed.size() > 3) {
            evidence.add("... and " + (passed.size() - 3) + " more late events, each in its true window");
        }
        return Verdict.pass(evidence);
    }
}
