package dev.streamlab.lab.validate.intermediate;

import dev.streamlab.lab.validate.Report;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.streamlab.lab.validate.intermediate.Bench.assertHint;
import static dev.streamlab.lab.validate.intermediate.Bench.assertPassed;
import static dev.streamlab.lab.validate.intermediate.Bench.check;
import static dev.streamlab.lab.validate.intermediate.Bench.evidenceMentions;
import static dev.streamlab.lab.validate.intermediate.Bench.line;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Check my work" on the intermediate challenge against the mistakes learners make: each wrong counter runs on the
 * real broker and its line fails with the hint for that mistake, and evidence of what was seen.
 */
class TypicalWrongSolutionsTest {
    private final String topic = Names.unique("timed-orders");
    private final String output = Names.unique("order-counts");

    @Test
    void aCounterByEventTimePassesAllThreeLinesAndSaysWhichSizeItFound() {
        Orders.withOneLateEvent(topic);
        Counters.byEventTime(topic, output);

        Report report = check(topic, output);

        assertTrue(report.passed(), report.toString());
        assertTrue(evidenceMentions(report, "window-counts", "windows are 60 s long"), report.toString());
        assertTrue(evidenceMentions(report, "late-event", "belongs in"), report.toString());
    }

    @Test
    void aMissingInputTopicIsNamedAndAnEmptyOneIsToldToProduceFirst() {
        assertHint(check(topic, output), "event-time", "no-topic");

        Kafka.createTopic(Bench.BOOTSTRAP, topic, 3);
        Report empty = check(topic, output);

        assertHint(empty, "event-time", "no-records");
        assertHint(empty, "window-counts", "no-output");
    }

    @Test
    void eventsWithoutAnEventTimeAreToldWhichRecordLacksItAndWhatItHas() {
        Kafka.createTopic(Bench.BOOTSTRAP, topic, 1);
        Orders orders = Orders.to(topic);
        orders.with("cust-1", orders.event("cust-1").put("created", "yesterday")).produce();

        Report report = check(topic, output);

        assertHint(report, "event-time", "no-event-time");
        assertTrue(evidenceMentions(report, "event-time",
                "partition 0 offset 0 has no event_time field; its fields are order_id, customer, amount, created"),
                line(report, "event-time").evidence().toString());
    }

    @Test
    void anEventTimeThatIsNoTimeIsQuoted() {
        Kafka.createTopic(Bench.BOOTSTRAP, topic, 1);
        Orders orders = Orders.to(topic).at(5, "cust-1");
        orders.with("cust-1", orders.event("cust-1").put("event_time", "noon")).produce();

        Report report = check(topic, output);

        assertHint(report, "event-time", "no-event-time");
        assertTrue(evidenceMentions(report, "event-time", "offset 1 has an event_time, but \"noon\" is not epoch seconds"),
                line(report, "event-time").evidence().toString());
    }

    @Test
    void eventsThatAreNotJsonAreNamedWithWhatTheyHold() {
        Kafka.createTopic(Bench.BOOTSTRAP, topic, 1);
        Orders.to(topic).at(5, "cust-1").withValue("cust-1", "order 2 for cust-1").produce();

        Report report = check(topic, output);

        assertHint(report, "event-time", "not-json");
        assertTrue(evidenceMentions(report, "event-time", "1 of 2 records"), report.toString());
        assertTrue(evidenceMentions(report, "event-time", "offset 1 holds \"order 2 for cust-1\""), report.toString());
    }

    @Test
    void countingByWhenRecordsWereProducedIsToldAboutProcessingTime() {
        Orders.withOneLateEvent(topic);
        Counters.byRecordTimestamp(topic, output);

        Report report = check(topic, output);

        assertPassed(report, "event-time");
        assertHint(report, "window-counts", "processing-time");
        assertHint(report, "late-event", "late-in-current-window");
    }

    @Test
    void aLateEventCountedInTheWindowWhereItArrivedIsToldToUseItsOwnTime() {
        Orders.withOneLateEvent(topic);
        Counters.lateInCurrentWindow(topic, output);

        Report report = check(topic, output);

        assertHint(report, "window-counts", "wrong-counts");
        assertHint(report, "late-event", "late-in-current-window");
        assertTrue(evidenceMentions(report, "late-event", "the input has 4 events there, but the output says 3"),
                line(report, "late-event").evidence().toString());
    }

    @Test
    void aCounterThatDropsLateEventsLeavesTheirTrueWindowShort() {
        Orders.withOneLateEvent(topic);
        Counters.dropsLateEvents(topic, output);

        Report report = check(topic, output);

        assertHint(report, "window-counts", "wrong-counts");
        assertHint(report, "late-event", "late-not-counted");
    }

    @Test
    void slidingWindowsAreNotTumblingBecauseTheyOverlap() {
        Orders.withOneLateEvent(topic);
        Counters.sliding(topic, output);

        Report report = check(topic, output);

        assertHint(report, "window-counts", "not-tumbling");
        assertTrue(evidenceMentions(report, "window-counts", "overlap: every 30 s a new 60 s window starts"),
                line(report, "window-counts").evidence().toString());
        assertHint(report, "late-event", "counts-first");
    }

    @Test
    void windowsThatDoNotStartOnAMultipleOfTheirSizeAreNotTumbling() {
        Orders.withOneLateEvent(topic);
        Counters.misaligned(topic, output);

        Report report = check(topic, output);

        assertHint(report, "window-counts", "not-tumbling");
        assertTrue(evidenceMentions(report, "window-counts", "starts 15 s after a multiple of its size 60 s"),
                line(report, "window-counts").evidence().toString());
    }

    @Test
    void aDroppedEventIsAWrongCountThatNamesTheWindowAndBothCounts() {
        Orders.withOneLateEvent(topic);
        Counters.dropsTheLastEvent(topic, output);

        Report report = check(topic, output);

        assertHint(report, "window-counts", "wrong-counts");
        assertTrue(line(report, "window-counts").evidence().stream().anyMatch(e -> e.startsWith("window [")
                        && e.contains("the input has") && e.contains("the output's latest count is")),
                line(report, "window-counts").evidence().toString());
    }

    @Test
    void writingIncrementsInsteadOfTheNewTotalIsAWrongCount() {
        Orders.withOneLateEvent(topic);
        Counters.writesIncrements(topic, output);

        Report report = check(topic, output);

        assertHint(report, "window-counts", "wrong-counts");
        assertTrue(evidenceMentions(report, "window-counts", "the output's latest count is 1"), report.toString());
    }

    @Test
    void aWindowWithNoInputMustNotCountAnything() {
        Orders.withOneLateEvent(topic);
        Counters.byEventTime(topic, output);
        long empty = Orders.T0 + 8 * 60;
        Kafka.produce(Bench.BOOTSTRAP, output, List.of(Counters.window(output, empty, empty + 60, 2)));

        Report report = check(topic, output);

        assertHint(report, "window-counts", "wrong-counts");
        assertTrue(evidenceMentions(report, "window-counts", "the input has 0 events there by event_time, "
                + "the output's latest count is 2"), report.toString());
    }

    @Test
    void textOutputIsNotJsonAndTheLateLineWaitsForReadableCounts() {
        Orders.withOneLateEvent(topic);
        Counters.writesText(topic, output);

        Report report = check(topic, output);

        assertHint(report, "window-counts", "bad-output");
        assertTrue(evidenceMentions(report, "window-counts", "holds \"window="), report.toString());
        assertHint(report, "late-event", "counts-first");
    }

    @Test
    void anOutputRecordWithoutACountNamesTheMissingField() {
        Orders.withOneLateEvent(topic);
        Kafka.produce(Bench.BOOTSTRAP, output, List.of(new org.apache.kafka.clients.producer.ProducerRecord<>(output,
                "x", "{\"window_start\": " + Orders.T0 + ", \"window_end\": " + (Orders.T0 + 60) + ", \"total\": 3}")));

        Report report = check(topic, output);

        assertHint(report, "window-counts", "bad-output");
        assertTrue(evidenceMentions(report, "window-counts", "offset 0 has no count; its fields are window_start, "
                + "window_end, total"), report.toString());
    }

    @Test
    void withoutALateEventTheLateLineSaysHowToMakeOne() {
        Kafka.createTopic(Bench.BOOTSTRAP, topic, 3);
        Orders.to(topic).at("cust-1", 5, 70, 130).produce();
        Counters.byEventTime(topic, output);

        Report report = check(topic, output);

        assertPassed(report, "window-counts");
        assertHint(report, "late-event", "no-late-event");
    }

    @Test
    void anyOneWindowSizeIsAcceptedAndNamed() {
        Orders.withOneLateEvent(topic);
        Counters.count(topic, output, 30, e -> List.of(Counters.tumbling(e.eventSeconds(), 30)));

        Report report = check(topic, output);

        assertTrue(report.passed(), report.toString());
        assertTrue(evidenceMentions(report, "window-counts", "windows are 30 s long (the suggested size is 60 s"),
                report.toString());
    }
}
