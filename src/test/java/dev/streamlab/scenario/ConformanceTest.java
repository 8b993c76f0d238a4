package dev.streamlab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every public conformance case (real Flink 2.1.1 results), compared the way compare.py does. */
class ConformanceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(ConformanceTest.class.getResource("/conformance").toURI());
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".expected.json"))
                    .map(n -> n.substring(0, n.length() - ".expected.json".length())).sorted().collect(Collectors.toList());
        }
        assertEquals(142, names.size(), "public conformance cases");
        return names.stream();
    }

    private static String resource(String name) throws IOException {
        try (var in = ConformanceTest.class.getResourceAsStream("/conformance/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theEngineGivesWhatFlinkGave(String name) throws Exception {
        JsonNode expected = MAPPER.readTree(resource(name + ".expected.json"));
        JsonNode actual = MAPPER.readTree(Scenarios.simulate(resource(name + ".json")));
        List<String> problems = ResultComparison.compare(expected, actual);
        assertTrue(problems.isEmpty(), () -> name + ":\n  " + String.join("\n  ", problems));
    }

    /** compare.py in Java: firings as multisets per afterEvent (sum within 1e-9), dropped exactly. */
    static final class ResultComparison {
        private ResultComparison() {
        }

        static List<String> compare(JsonNode expected, JsonNode actual) {
            List<String> problems = new ArrayList<>();
            List<JsonNode> remaining = new ArrayList<>();
            actual.get("firings").forEach(remaining::add);
            for (JsonNode e : expected.get("firings")) {
                JsonNode hit = null;
                for (JsonNode a : remaining) {
                    if (sameFiring(e, a)) {
                        hit = a;
                        break;
                    }
                }
                if (hit == null) {
                    problems.add("missing " + e);
                } else {
                    remaining.remove(hit);
                }
            }
            remaining.forEach(a -> problems.add("unexpected " + a));
            List<String> expDropped = dropped(expected);
            List<String> actDropped = dropped(actual);
            if (!expDropped.equals(actDropped)) {
                problems.add("dropped: expected " + expDropped + " but was " + actDropped);
            }
            return problems;
        }

        private static boolean sameFiring(JsonNode e, JsonNode a) {
            for (String f : List.of("key", "trigger")) {
                if (!e.get(f).asText().equals(a.get(f).asText())) {
                    return false;
                }
            }
            for (String f : List.of("start", "end", "count")) {
                if (e.get(f).asLong() != a.get(f).asLong()) {
                    return false;
                }
            }
            if (e.get("afterEvent").isNull() != a.get("afterEvent").isNull()
                    || e.get("afterEvent").asLong() != a.get("afterEvent").asLong()) {
                return false;
            }
            double x = e.get("sum").asDouble();
            double y = a.get("sum").asDouble();
            return Math.abs(x - y) <= Math.max(1e-9, 1e-9 * Math.max(Math.abs(x), Math.abs(y)));
        }

        private static List<String> dropped(JsonNode doc) {
            List<String> out = new ArrayList<>();
            doc.get("dropped").forEach(d -> out.add(d.get("event").asLong() + ":" + d.get("key").asText() + "@" + d.get("ts").asLong()));
            out.sort(null);
            return out;
        }
    }

    @org.junit.jupiter.api.Test
    void theComparisonNoticesAWrongCountAndAMissingDrop() throws Exception {
        JsonNode expected = MAPPER.readTree("{\"firings\":[{\"key\":\"a\",\"start\":0,\"end\":10,\"count\":2,\"sum\":1.0,"
                + "\"trigger\":\"watermark\",\"afterEvent\":3}],\"dropped\":[{\"event\":4,\"key\":\"a\",\"ts\":1}]}");
        JsonNode actual = MAPPER.readTree("{\"firings\":[{\"key\":\"a\",\"start\":0,\"end\":10,\"count\":3,\"sum\":1.0,"
                + "\"trigger\":\"watermark\",\"afterEvent\":3}],\"dropped\":[]}");
        List<String> problems = ResultComparison.compare(expected, actual);
        if (problems.size() != 3) {
            fail(problems.toString());
        }
    }
}
