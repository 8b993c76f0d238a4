package dev.streamlab.scenario;

import dev.streamlab.engine.EngineBudget;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every limit of {@link EngineBudget#DEFAULT} refuses a scenario just over it, naming the limit and the value, and passes one just inside. */
class ScenarioBudgetTest {
    private static final EngineBudget LIMITS = EngineBudget.DEFAULT;

    private static String scenario(String window, String extra, String events) {
        return "{\"window\":" + window + ",\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0" + extra + ",\"events\":["
                + events + "]}";
    }

    private static String events(int n) {
        return IntStream.range(0, n).mapToObj(i -> "{\"key\":\"k" + (i % 7) + "\",\"ts\":" + (i * 10) + "}")
                .collect(Collectors.joining(","));
    }

    private static String refusal(String json) {
        return assertThrows(ScenarioException.class, () -> Scenarios.simulate(json)).getMessage();
    }

    @Test
    void theIssuesSlidingWindowIsRefusedNamingWindowsPerEventAndTheLimit() {
        String message = refusal(scenario("{\"type\":\"sliding\",\"sizeMs\":10000000,\"slideMs\":1}", "",
                "{\"key\":\"a\",\"ts\":1000}"));
        assertEquals("window: sliding window 10000000 ms every 1 ms puts each event in 10,000,000 windows; the lab allows "
                + "at most 1,000 per event (Flink would accept it, but it is too big for a lab): make the slide at least "
                + "10,000 ms or the window shorter", message);
    }

    @Test
    void aSlidingWindowWithExactlyTheLimitOfWindowsPerEventPasses() throws Exception {
        String out = Scenarios.simulate(scenario("{\"type\":\"sliding\",\"sizeMs\":" + LIMITS.maxWindowsPerEvent()
                + ",\"slideMs\":1}", "", "{\"key\":\"a\",\"ts\":5000}"));
        assertEquals(LIMITS.maxWindowsPerEvent(), out.lines().filter(l -> l.contains("\"key\":\"a\"")).count());
    }

    @Test
    void oneWindowTooManyPerEventIsRefused() {
        String message = refusal(scenario("{\"type\":\"sliding\",\"sizeMs\":" + (LIMITS.maxWindowsPerEvent() + 1)
                + ",\"slideMs\":1}", "", "{\"key\":\"a\",\"ts\":5000}"));
        assertTrue(message.contains("puts each event in 1,001 windows; the lab allows at most 1,000 per event"), message);
    }

    @Test
    void processingTimeWindowsHaveTheSameLimitPerEvent() {
        String message = refusal(scenario("{\"type\":\"tumbling\",\"sizeMs\":10}",
                ",\"processingTimeWindow\":{\"type\":\"sliding\",\"sizeMs\":5000,\"slideMs\":1}", "{\"key\":\"a\",\"ts\":1}"));
        assertTrue(message.startsWith("processingTimeWindow: sliding window 5000 ms every 1 ms puts each event in 5,000 windows"),
                message);
    }

    @Test
    void moreEventsThanTheLimitAreRefusedNamingTheCountAndTheLimit() {
        String message = refusal(scenario("{\"type\":\"tumbling\",\"sizeMs\":10}", "", events(LIMITS.maxEvents() + 1)));
        assertEquals("events: 10,001 events are more than the lab allows (at most 10,000 per scenario)", message);
    }

    @Test
    void exactlyTheLimitOfEventsPasses() throws Exception {
        String out = Scenarios.simulate(scenario("{\"type\":\"tumbling\",\"sizeMs\":10}", "", events(LIMITS.maxEvents())));
        assertTrue(out.startsWith("{\n  \"firings\": [\n"), out.substring(0, 40));
    }

    @Test
    void eventsTimesWindowsPerEventOverTheLimitIsRefusedNamingTheProduct() {
        // 1,001 events in 100 windows each: 100,100 assignments, each event count and window count inside its own limit
        String message = refusal(scenario("{\"type\":\"sliding\",\"sizeMs\":1000,\"slideMs\":10}", "", events(1_001)));
        assertEquals("events: 1,001 events × 100 windows per event = 100,100 window assignments; the lab allows at most "
                + "100,000 (Flink would accept it, but it is too big for a lab): send fewer events or make the slide longer",
                message);
    }

    @Test
    void eventsTimesWindowsPerEventAtTheLimitPasses() throws Exception {
        String out = Scenarios.simulate(scenario("{\"type\":\"sliding\",\"sizeMs\":1000,\"slideMs\":10}", "", events(1_000)));
        assertTrue(out.contains("\"trigger\":\"end\""), out.substring(0, 200));
    }

    @Test
    void everyDurationOverAYearIsRefusedNamingTheFieldTheValueAndTheLimit() {
        long over = LIMITS.maxDurationMs() + 1;
        String[][] cases = {
                {scenario("{\"type\":\"tumbling\",\"sizeMs\":" + over + "}", "", ""), "window.sizeMs"},
                {scenario("{\"type\":\"sliding\",\"sizeMs\":" + over + ",\"slideMs\":" + over + "}", "", ""), "window.sizeMs"},
                {scenario("{\"type\":\"sliding\",\"sizeMs\":10,\"slideMs\":" + over + "}", "", ""), "window.slideMs"},
                {scenario("{\"type\":\"session\",\"gapMs\":" + over + "}", "", ""), "window.gapMs"},
                {scenario("{\"type\":\"tumbling\",\"sizeMs\":10}", ",\"idlenessMs\":" + over, ""), "idlenessMs"},
                {scenario("{\"type\":\"tumbling\",\"sizeMs\":10}",
                        ",\"processingTimeWindow\":{\"type\":\"tumbling\",\"sizeMs\":" + over + "}", ""),
                        "processingTimeWindow.sizeMs"},
                {scenario("{\"type\":\"tumbling\",\"sizeMs\":10}", "", "").replace("\"maxOutOfOrdernessMs\":0",
                        "\"maxOutOfOrdernessMs\":" + over), "maxOutOfOrdernessMs"},
                {scenario("{\"type\":\"tumbling\",\"sizeMs\":10}", "", "").replace("\"allowedLatenessMs\":0",
                        "\"allowedLatenessMs\":" + over), "allowedLatenessMs"},
        };
        for (String[] c : cases) {
            assertEquals(c[1] + ": 31622400001 ms is more than the lab allows (at most 31,622,400,000 ms, 366 days; "
                    + "Flink would accept it, but it is too big for a lab)", refusal(c[0]), c[0]);
        }
    }

    @Test
    void aYearLongWindowWithAYearOfLatenessPasses() throws Exception {
        long year = LIMITS.maxDurationMs();
        String json = scenario("{\"type\":\"tumbling\",\"sizeMs\":" + year + "}", "", "{\"key\":\"a\",\"ts\":1}")
                .replace("\"allowedLatenessMs\":0", "\"allowedLatenessMs\":" + year);
        assertTrue(Scenarios.simulate(json).contains("\"end\":" + year), json);
    }

    @Test
    void timestampsAfterTheYear9999AreRefused() {
        long over = LIMITS.maxTimestampMs() + 1;
        assertEquals("events[1].ts: 253402300800000 is after the year 9999; the lab allows at most 253,402,300,799,999 ms "
                + "(9999-12-31T23:59:59.999Z)", refusal(scenario("{\"type\":\"tumbling\",\"sizeMs\":10}", "",
                "{\"key\":\"a\",\"ts\":1},{\"key\":\"a\",\"ts\":" + over + "}")));
        assertTrue(refusal(scenario("{\"type\":\"tumbling\",\"sizeMs\":10}", "",
                "{\"key\":\"a\",\"ts\":1,\"arrivalMs\":" + Long.MAX_VALUE + "}"))
                .startsWith("events[0].arrivalMs: 9223372036854775807 is after the year 9999"));
    }

    @Test
    void theLastMillisecondOfTheYear9999Passes() throws Exception {
        assertTrue(Scenarios.simulate(scenario("{\"type\":\"tumbling\",\"sizeMs\":1000}", "",
                "{\"key\":\"a\",\"ts\":" + LIMITS.maxTimestampMs() + "}")).contains("\"end\":253402300800000"));
    }

    @Test
    void morePartitionsThanTheLimitAreRefused() throws Exception {
        assertEquals("partitions: 1025 is out of range (an optional integer from 1 to 1024, default 1)",
                refusal(scenario("{\"type\":\"tumbling\",\"sizeMs\":10}", ",\"partitions\":1025", "")));
        assertEquals(1024, Scenarios.parse(scenario("{\"type\":\"tumbling\",\"sizeMs\":10}", ",\"partitions\":1024", ""))
                .config().partitions());
    }

    @Test
    void aScenarioTextLongerThanTheInputLimitIsRefusedBeforeItIsRead() {
        String json = scenario("{\"type\":\"tumbling\",\"sizeMs\":10}", "", "") + " ".repeat((int) LIMITS.maxInputBytes());
        assertEquals("scenario: " + json.length() + " characters are more than the lab reads (at most 1048576; send fewer "
                + "events)", refusal(json));
    }
}
