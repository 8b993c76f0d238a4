package dev.streamlab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random seeded scenarios through real Apache Flink and through the engine: identical firings (with trigger and
 * afterEvent derived from Flink's watermark as in the conformance README) and identical late side output.
 */
class FlinkDifferentialTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int BATCH = 25;

    @Test
    void randomScenariosGiveTheSameResultsOnFlinkAndOnTheEngine() throws Exception {
        int count = Integer.getInteger("flink.diff.count", 300);
        long seed = Long.getLong("flink.diff.seed", 20251125L);
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        int firings = 0;
        int drops = 0;
        List<String> jsons = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jsons.add(RandomScenarios.next(random));
            scenarios.add(Scenarios.parse(jsons.get(i)));
        }
        for (int from = 0; from < count; from += BATCH) {
            List<List<String>> flinkLines = FlinkJob.runAll(scenarios.subList(from, Math.min(count, from + BATCH)));
            for (int j = 0; j < flinkLines.size(); j++) {
                int i = from + j;
                JsonNode flink = canonical(scenarios.get(i), flinkLines.get(j));
                JsonNode engine = MAPPER.readTree(Scenarios.toCanonicalJson(Scenarios.run(scenarios.get(i))));
                firings += flink.get("firings").size();
                drops += flink.get("dropped").size();
                List<String> problems = ConformanceTest.ResultComparison.compare(flink, engine);
                if (!problems.isEmpty()) {
                    failures.add(failures.size() < 5
                            ? "scenario #" + i + " (seed " + seed + "): " + problems + "\n" + jsons.get(i) : "scenario #" + i);
                }
            }
        }
        System.out.printf("flink differential: %d scenarios, %d firings, %d late elements, %d mismatches%n",
                count, firings, drops, failures.size());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(firings > count, "the scenarios must actually fire windows");
        assertTrue(drops > 0, "the scenarios must exercise the late side output");
    }

    @Test
    void theFlinkJobReproducesAHandWorkedExample() throws Exception {
        // SEMANTICS.md E4: tumbling 10, B=0, L=5; records 3, 7, 11, 4, 13, 5, 16, 2
        StringBuilder events = new StringBuilder();
        long[] ts = {3, 7, 11, 4, 13, 5, 16, 2};
        for (long t : ts) {
            events.append(events.length() == 0 ? "" : ",").append("{\"key\":\"A\",\"ts\":").append(t).append(",\"value\":1}");
        }
        Scenario s = Scenarios.parse("{\"window\":{\"type\":\"tumbling\",\"sizeMs\":10},\"maxOutOfOrdernessMs\":0,"
                + "\"allowedLatenessMs\":5,\"events\":[" + events + "]}");
        JsonNode flink = canonical(s, FlinkJob.run(s));
        assertEquals(4, flink.get("firings").size());
        assertEquals("[{\"event\":7,\"key\":\"A\",\"ts\":2}]", flink.get("dropped").toString());
    }

    /** Turns Flink's raw output into the canonical result, deriving trigger and afterEvent as the README says. */
    static JsonNode canonical(Scenario scenario, List<String> lines) {
        Map<Long, Integer> emittedAfter = new HashMap<>();
        List<Long> before = new ArrayList<>();
        long bound = scenario.config().maxOutOfOrdernessMs();
        long max = Long.MIN_VALUE + bound + 1;
        long current = Long.MIN_VALUE;
        for (int k = 0; k < scenario.events().size(); k++) {
            before.add(current);
            max = Math.max(max, scenario.events().get(k).ts());
            long w = max - bound - 1;
            if (w > current) {
                current = w;
                emittedAfter.put(w, k);
            }
        }
        ObjectNode doc = MAPPER.createObjectNode();
        ArrayNode firings = doc.putArray("firings");
        ArrayNode dropped = doc.putArray("dropped");
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f[0].equals("D")) {
                dropped.addObject().put("event", Long.parseLong(f[1])).put("key", f[2]).put("ts", Long.parseLong(f[3]));
                continue;
            }
            long end = Long.parseLong(f[3]);
            long wm = Long.parseLong(f[6]);
            int m = Integer.parseInt(f[7]);
            ObjectNode firing = firings.addObject().put("key", f[1]).put("start", Long.parseLong(f[2])).put("end", end)
                    .put("count", Long.parseLong(f[4])).put("sum", Double.parseDouble(f[5]));
            if (end - 1 > wm) {
                throw new IllegalStateException("Flink fired before the watermark reached maxTimestamp: " + line);
            }
            if (wm == Long.MAX_VALUE) {
                firing.put("trigger", "end").putNull("afterEvent");
                continue;
            }
            Integer k = emittedAfter.get(wm);
            if (k == null) {
                throw new IllegalStateException("watermark " + wm + " was produced by no event: " + line);
            }
            if (m > k) {
                if (before.get(m) != wm) {
                    throw new IllegalStateException("element firing not at the watermark before its element: " + line);
                }
                firing.put("trigger", "element").put("afterEvent", m);
            } else {
                if (end - 1 <= before.get(k)) {
                    throw new IllegalStateException("watermark firing of a window that was already due: " + line);
                }
                firing.put("trigger", "watermark").put("afterEvent", k);
            }
        }
        return doc;
    }
}
