package dev.streamlab.scenario;

import dev.streamlab.engine.LogEntry;
import dev.streamlab.engine.WindowSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenariosTest {

    private static String scenario(String window, String events) {
        return "{\"window\":" + window + ",\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[" + events + "]}";
    }

    @Test
    void theCanonicalOutputHasOneEntryPerLineSortedWithEndOfInputLast() throws Exception {
        String out = Scenarios.simulate(scenario("{\"type\":\"tumbling\",\"sizeMs\":10}",
                "{\"key\":\"b\",\"ts\":1,\"value\":0.1},{\"key\":\"a\",\"ts\":2,\"value\":1e7},{\"key\":\"a\",\"ts\":15},"
                        + "{\"key\":\"a\",\"ts\":3}"));
        assertEquals("{\n"
                + "  \"firings\": [\n"
                + "    {\"key\":\"a\",\"start\":0,\"end\":10,\"count\":1,\"sum\":1.0E7,\"trigger\":\"watermark\",\"afterEvent\":2},\n"
                + "    {\"key\":\"b\",\"start\":0,\"end\":10,\"count\":1,\"sum\":0.1,\"trigger\":\"watermark\",\"afterEvent\":2},\n"
                + "    {\"key\":\"a\",\"start\":10,\"end\":20,\"count\":1,\"sum\":0.0,\"trigger\":\"end\",\"afterEvent\":null}\n"
                + "  ],\n"
                + "  \"dropped\": [\n"
                + "    {\"event\":3,\"key\":\"a\",\"ts\":3}\n"
                + "  ]\n"
                + "}\n", out);
    }

    @Test
    void commentsTrailingCommasAndScalarKeysAreAccepted() throws Exception {
        String json = "{ // a comment\n \"window\": {\"type\":\"session\",\"gapMs\":5,},\n \"maxOutOfOrdernessMs\": 0,"
                + " \"allowedLatenessMs\": 0,\n \"events\": [ {\"key\":7,\"ts\":1}, {\"key\":true,\"ts\":2,\"value\":-2.5}, ],\n}";
        String out = Scenarios.simulate(json);
        assertTrue(out.contains("{\"key\":\"7\",\"start\":1,\"end\":6,\"count\":1,\"sum\":0.0"), out);
        assertTrue(out.contains("{\"key\":\"true\",\"start\":2,\"end\":7,\"count\":1,\"sum\":-2.5"), out);
    }

    @Test
    void keysAreEscapedInTheOutput() throws Exception {
        String out = Scenarios.simulate(scenario("{\"type\":\"tumbling\",\"sizeMs\":10}", "{\"key\":\"q\\\"uo\\\\te\",\"ts\":1}"));
        assertTrue(out.contains("{\"key\":\"q\\\"uo\\\\te\","), out);
    }

    @Test
    void partitionsAndIdlenessExtendTheFormatCompatibly() throws Exception {
        String json = "{\"window\":{\"type\":\"tumbling\",\"sizeMs\":10},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,"
                + "\"partitions\":2,\"idlenessMs\":3,\"events\":[{\"key\":\"a\",\"ts\":5},{\"key\":\"a\",\"ts\":12},"
                + "{\"key\":\"a\",\"ts\":13},{\"key\":\"a\",\"ts\":14},{\"key\":\"a\",\"ts\":15}]}";
        Scenario s = Scenarios.parse(json);
        assertEquals(2, s.config().partitions());
        assertEquals(3, s.config().idlenessMs());
        String out = Scenarios.simulate(json);
        // partition 1 never sends; with arrivals 0,1,2,3,4 it is idle after strictly more than 3 ms, at event 4
        assertTrue(out.contains("\"start\":0,\"end\":10,\"count\":1,\"sum\":0.0,\"trigger\":\"watermark\",\"afterEvent\":4"), out);

        String stalled = Scenarios.simulate(json.replace("\"idlenessMs\":3,", ""));
        assertTrue(stalled.contains("\"start\":0,\"end\":10,\"count\":1,\"sum\":0.0,\"trigger\":\"end\""), stalled);
    }

    @Test
    void theLogCanBeReplayedForAScenario() throws Exception {
        Scenario s = Scenarios.parse(scenario("{\"type\":\"sliding\",\"sizeMs\":10,\"slideMs\":5,\"offsetMs\":1}",
                "{\"key\":\"a\",\"ts\":3}"));
        assertEquals(new WindowSpec.Sliding(10, 5, 1), s.config().windows());
        List<LogEntry> log = new ArrayList<>();
        ScenarioResult r = Scenarios.run(s, log::add);
        assertEquals(2, r.firings().size());
        assertTrue(log.get(0) instanceof LogEntry.ElementAssigned);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiterString = "=>", value = {
        "{\"window\":{\"type\":\"tumbling\",\"sizeMs\":10},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[{\"key\":\"a\",\"ts\":1},{\"key\":\"a\",\"ts\":2},{\"key\":\"a\",\"ts\":3},{\"key\":\"a\"}]}"
            + "=>events[3].ts: missing (every event needs a non-negative integer ts in milliseconds)",
        "{\"window\":{\"type\":\"tumbling\",\"sizeMs\":10},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[{\"key\":\"a\",\"ts\":-5}]}"
            + "=>events[0].ts: -5 is negative (every event needs a non-negative integer ts in milliseconds)",
        "{\"window\":{\"type\":\"tumbling\",\"sizeMs\":10},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[{\"key\":\"a\",\"ts\":\"1\"}]}"
            + "=>events[0].ts: \"1\" is not an integer (every event needs a non-negative integer ts in milliseconds)",
        "{\"window\":{\"type\":\"tumbling\",\"sizeMs\":0},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[]}"
            + "=>window.sizeMs: 0 is not > 0 (tumbling windows need an integer sizeMs > 0)",
        "{\"window\":{\"type\":\"sliding\",\"sizeMs\":10,\"slideMs\":0},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[]}"
            + "=>window.slideMs: 0 is not > 0 (sliding windows need an integer slideMs > 0)",
        "{\"window\":{\"type\":\"session\",\"gapMs\":-1},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[]}"
            + "=>window.gapMs: -1 is not > 0 (session windows need an integer gapMs > 0)",
        "{\"window\":{\"type\":\"hopping\",\"sizeMs\":10},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[]}"
            + "=>window.type: \"hopping\" is unknown (use \"tumbling\", \"sliding\" or \"session\")",
        "{\"window\":{\"type\":\"tumbling\",\"sizeMs\":10},\"maxOutOfOrdernessMs\":-1,\"allowedLatenessMs\":0,\"events\":[]}"
            + "=>maxOutOfOrdernessMs: -1 is negative (a required integer >= 0: the out-of-orderness bound in ms)",
        "{\"window\":{\"type\":\"tumbling\",\"sizeMs\":10},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":-2,\"events\":[]}"
            + "=>allowedLatenessMs: -2 is negative (a required integer >= 0: the allowed lateness in ms)",
        "{\"window\":{\"type\":\"tumbling\",\"sizeMs\":10,\"offsetMs\":10},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[]}"
            + "=>window.offsetMs: 10 is out of range (tumbling windows need |offsetMs| < sizeMs = 10)",
        "{\"window\":{\"type\":\"sliding\",\"sizeMs\":10,\"slideMs\":5,\"offsetMs\":-5},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[]}"
            + "=>window.offsetMs: -5 is out of range (sliding windows need |offsetMs| < slideMs = 5)",
        "{\"window\":{\"type\":\"tumbling\",\"sizeMs\":10},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[{\"key\":\"a\",\"ts\":1,\"value\":\"x\"}]}"
            + "=>events[0].value: \"x\" is not a number (value is an optional number, default 0)",
        "{\"window\":{\"type\":\"tumbling\",\"sizeMs\":10},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[{\"ts\":1}]}"
            + "=>events[0].key: missing (every event needs a key: a string, number or boolean)",
        "{\"window\":{\"type\":\"tumbling\",\"sizeMs\":10},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[{\"key\":\"a\",\"ts\":1,\"partition\":1}]}"
            + "=>events[0].partition: 1 is out of range (partitions is 1, so use 0..0; set \"partitions\" at the top level for more)",
        "{\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[]}"
            + "=>window: missing (e.g. {\"type\":\"tumbling\",\"sizeMs\":5000})",
        "[1,2]=>scenario: not a JSON object (expected {\"window\":..., \"maxOutOfOrdernessMs\":..., \"allowedLatenessMs\":..., \"events\":[...]})",
    })
    void badInputGivesOneMessageNamingTheFieldAndTheEvent(String json, String message) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> Scenarios.simulate(json));
        assertEquals(message, e.getMessage());
    }

    @Test
    void textThatIsNotJsonNamesLineAndColumn() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> Scenarios.simulate("{\n  \"window\": ]"));
        assertTrue(e.getMessage().startsWith("not valid JSON at line 2, column 13: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }
}
