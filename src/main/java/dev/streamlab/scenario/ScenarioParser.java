package dev.streamlab.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.streamlab.engine.EngineBudget;
import dev.streamlab.engine.EngineConfig;
import dev.streamlab.engine.WindowSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the conformance input format (comments and trailing commas allowed) and validates it field by field, then
 * against the lab's {@link EngineBudget} before any event is run.
 */
final class ScenarioParser {
    private static final String TS_RULE = "every event needs a non-negative integer ts in milliseconds";

    private final EngineBudget budget;

    ScenarioParser(EngineBudget budget) {
        this.budget = budget;
    }

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    Scenario parse(String json) throws ScenarioException {
        if (json != null && json.length() > budget.maxInputBytes()) {
            throw new ScenarioException("scenario: " + json.length() + " characters are more than the lab reads (at most "
                    + budget.maxInputBytes() + "; send fewer events)");
        }
        JsonNode root;
        try {
            root = mapper.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ScenarioException("not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new ScenarioException("scenario: not a JSON object (expected {\"window\":..., \"maxOutOfOrdernessMs\":..., "
                    + "\"allowedLatenessMs\":..., \"events\":[...]})");
        }
        WindowSpec window = window(root.get("window"), "window");
        long bound = nonNegative(root, "maxOutOfOrdernessMs", "maxOutOfOrdernessMs",
                "a required integer >= 0: the out-of-orderness bound in ms");
        long lateness = nonNegative(root, "allowedLatenessMs", "allowedLatenessMs",
                "a required integer >= 0: the allowed lateness in ms");
        int partitions = 1;
        if (present(root, "partitions")) {
            long p = integer(root.get("partitions"), "partitions", "an optional integer >= 1, default 1");
            if (p < 1 || p > budget.maxPartitions()) {
                throw new ScenarioException("partitions: " + p + " is out of range (an optional integer from 1 to "
                        + budget.maxPartitions() + ", default 1)");
            }
            partitions = (int) p;
        }
        long idleness = 0;
        if (present(root, "idlenessMs")) {
            idleness = integer(root.get("idlenessMs"), "idlenessMs", "an optional integer > 0");
            if (idleness <= 0) {
                throw new ScenarioException("idlenessMs: " + idleness + " is not > 0 (an optional integer > 0: a partition "
                        + "without events for longer than this stops holding the watermark back)");
            }
        }
        WindowSpec processingTimeWindow = null;
        if (present(root, "processingTimeWindow")) {
            processingTimeWindow = window(root.get("processingTimeWindow"), "processingTimeWindow");
            if (processingTimeWindow.merging()) {
                throw new ScenarioException("processingTimeWindow.type: \"session\" is not allowed here (processing-time "
                        + "windows are \"tumbling\" or \"sliding\")");
            }
        }
        EngineConfig config = new EngineConfig(window, bound, lateness, partitions, idleness, processingTimeWindow);
        within(() -> budget.checkConfig(config));
        JsonNode array = root.get("events");
        if (array != null && array.isArray()) {
            within(() -> budget.checkEvents(config, array.size()));
        }
        List<ScenarioEvent> events = events(array, partitions);
        return new Scenario(config, events,
                text(root, "id"), text(root, "title"), text(root, "description"), text(root, "lesson"));
    }

    private interface Check {
        void run();
    }

    /** A budget check, its refusal as this layer's exception (the budget names the field itself). */
    private static void within(Check check) throws ScenarioException {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(e.getMessage());
        }
    }

    /** An optional text field the engine ignores (instructor scenarios carry a title, description and lesson). */
    private static String text(JsonNode root, String field) throws ScenarioException {
        if (!present(root, field)) {
            return null;
        }
        JsonNode n = root.get(field);
        if (!n.isTextual()) {
            throw new ScenarioException(field + ": " + n + " is not a string (an optional text)");
        }
        return n.asText();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable input";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static boolean present(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n != null && !n.isNull();
    }

    private static long integer(JsonNode n, String path, String rule) throws ScenarioException {
        if (n == null || n.isNull()) {
            throw new ScenarioException(path + ": missing (" + rule + ")");
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new ScenarioException(path + ": " + n + " is not an integer (" + rule + ")");
        }
        return n.asLong();
    }

    private static long nonNegative(JsonNode parent, String field, String path, String rule) throws ScenarioException {
        long v = integer(parent.get(field), path, rule);
        if (v < 0) {
            throw new ScenarioException(path + ": " + v + " is negative (" + rule + ")");
        }
        return v;
    }

    private static long positive(JsonNode parent, String field, String path, String rule) throws ScenarioException {
        long v = integer(parent.get(field), path, rule);
        if (v <= 0) {
            throw new ScenarioException(path + ": " + v + " is not > 0 (" + rule + ")");
        }
        return v;
    }

    private static WindowSpec window(JsonNode w, String name) throws ScenarioException {
        if (w == null || w.isNull()) {
            throw new ScenarioException(name + ": missing (e.g. {\"type\":\"tumbling\",\"sizeMs\":5000})");
        }
        if (!w.isObject()) {
            throw new ScenarioException(name + ": " + w + " is not an object (e.g. {\"type\":\"tumbling\",\"sizeMs\":5000})");
        }
        JsonNode type = w.get("type");
        String t = type == null || type.isNull() ? null : type.isTextual() ? type.asText() : type.toString();
        if (t == null) {
            throw new ScenarioException(name + ".type: missing (use \"tumbling\", \"sliding\" or \"session\")");
        }
        switch (t) {
            case "tumbling": {
                long size = positive(w, "sizeMs", name + ".sizeMs", "tumbling windows need an integer sizeMs > 0");
                long offset = offset(w, name, size, "tumbling windows need |offsetMs| < sizeMs = " + size);
                return new WindowSpec.Tumbling(size, offset);
            }
            case "sliding": {
                long size = positive(w, "sizeMs", name + ".sizeMs", "sliding windows need an integer sizeMs > 0");
                long slide = positive(w, "slideMs", name + ".slideMs", "sliding windows need an integer slideMs > 0");
                long offset = offset(w, name, slide, "sliding windows need |offsetMs| < slideMs = " + slide);
                return new WindowSpec.Sliding(size, slide, offset);
            }
            case "session":
                return new WindowSpec.Session(positive(w, "gapMs", name + ".gapMs", "session windows need an integer gapMs > 0"));
            default:
                throw new ScenarioException(name + ".type: " + type + " is unknown (use \"tumbling\", \"sliding\" or \"session\")");
        }
    }

    private static long offset(JsonNode w, String name, long limit, String rule) throws ScenarioException {
        if (!present(w, "offsetMs")) {
            return 0;
        }
        long offset = integer(w.get("offsetMs"), name + ".offsetMs", rule);
        if (Math.abs(offset) >= limit) {
            throw new ScenarioException(name + ".offsetMs: " + offset + " is out of range (" + rule + ")");
        }
        return offset;
    }

    private List<ScenarioEvent> events(JsonNode array, int partitions) throws ScenarioException {
        if (array == null || array.isNull()) {
            throw new ScenarioException("events: missing (an array of {\"key\":..., \"ts\":..., \"value\":...} in arrival order)");
        }
        if (!array.isArray()) {
            throw new ScenarioException("events: not an array (an array of {\"key\":..., \"ts\":..., \"value\":...} in arrival order)");
        }
        List<ScenarioEvent> events = new ArrayList<>(array.size());
        long arrival = -1;
        for (int i = 0; i < array.size(); i++) {
            JsonNode e = array.get(i);
            String at = "events[" + i + "]";
            if (!e.isObject()) {
                throw new ScenarioException(at + ": " + e + " is not an object (every event is {\"key\":..., \"ts\":...})");
            }
            JsonNode key = e.get("key");
            if (key == null) {
                throw new ScenarioException(at + ".key: missing (every event needs a key: a string, number or boolean)");
            }
            if (!key.isValueNode()) {
                throw new ScenarioException(at + ".key: " + key + " is not a scalar (every event needs a key: a string, number or boolean)");
            }
            long ts = integer(e.get("ts"), at + ".ts", TS_RULE);
            if (ts < 0) {
                throw new ScenarioException(at + ".ts: " + ts + " is negative (" + TS_RULE + ")");
            }
            within(() -> budget.checkTimestamp(at + ".ts", ts));
            double value = 0;
            JsonNode v = e.get("value");
            if (v != null && !v.isNull()) {
                if (!v.isNumber()) {
                    throw new ScenarioException(at + ".value: " + v + " is not a number (value is an optional number, default 0)");
                }
                value = v.asDouble();
                if (!Double.isFinite(value)) {
                    throw new ScenarioException(at + ".value: " + v + " is not finite (value is an optional number, default 0)");
                }
            }
            int partition = 0;
            if (present(e, "partition")) {
                long p = integer(e.get("partition"), at + ".partition", "an optional integer >= 0, default 0");
                if (p < 0 || p >= partitions) {
                    throw new ScenarioException(at + ".partition: " + p + " is out of range (partitions is " + partitions
                            + ", so use 0.." + (partitions - 1) + "; set \"partitions\" at the top level for more)");
                }
                partition = (int) p;
            }
            long arrivalMs = arrival + 1;
            if (present(e, "arrivalMs")) {
                arrivalMs = integer(e.get("arrivalMs"), at + ".arrivalMs",
                        "an optional integer processing time in ms, not smaller than the previous event's");
                if (arrivalMs < Math.max(arrival, 0)) {
                    throw new ScenarioException(at + ".arrivalMs: " + arrivalMs + " goes backwards (an optional integer "
                            + "processing time in ms, not smaller than the previous event's " + Math.max(arrival, 0) + ")");
                }
            }
            long checked = arrivalMs;
            within(() -> budget.checkTimestamp(at + ".arrivalMs", checked));
            arrival = arrivalMs;
            events.add(new ScenarioEvent(key.asText(), ts, value, partition, arrivalMs));
        }
        return events;
    }
}
