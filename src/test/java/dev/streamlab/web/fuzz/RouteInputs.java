package dev.streamlab.web.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamlab.kafka.guarantees.Worker;
import dev.streamlab.lab.PageAction;
import dev.streamlab.lab.Quest;
import dev.streamlab.lab.Question;
import dev.streamlab.testing.Names;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a valid request to each route looks like, and the names the fuzz may use in them. Valid bodies are the
 * controllers' own examples and the API tests' bodies. Names are the fuzz's own (from {@link Names}, so nothing it
 * deletes or fills belongs to another test on the shared broker) or the lab's (chapters, challenges, scenarios).
 * A route this class does not know still gets fuzzed, with generic bodies and random names.
 */
final class RouteInputs {
    /**
     * Routes whose valid request starts something costly (worker JVMs, consumers, topic churn), and how many
     * successes each may have in one run; past that, only bodies that cannot be valid are sent to it.
     */
    static final Map<String, Integer> COSTLY = Map.of(
            "POST /api/guarantees", 1,
            "POST /api/pipelines", 3,
            "POST /api/batch-stream/trickle", 3,
            "POST /api/batch-stream/reset", 2,
            "POST /api/playback", 6,
            "POST /api/playback/mine", 6,
            "POST /api/groups/{group}/consumers", 6);

    private final FuzzInputs in;
    private final Quest quest;
    private final List<String> scenarios;
    /** Topics this run created: the only ones it deletes, produces to or resets. */
    final List<String> topics = new ArrayList<>();
    final List<String> groups = new ArrayList<>();
    final List<String> consumers = new ArrayList<>();
    final List<String> runs = new ArrayList<>();
    final List<String> demoTopics = new ArrayList<>();
    final List<String> pipelineTopics = new ArrayList<>();
    final List<String> learners = new ArrayList<>();
    private final List<String> actions;

    RouteInputs(FuzzInputs in, Quest quest, List<String> scenarios) {
        this.in = in;
        this.quest = quest;
        this.scenarios = List.copyOf(scenarios);
        for (int i = 0; i < 3; i++) {
            groups.add(Names.unique("fuzz-group"));
            demoTopics.add(Names.unique("bs-fuzz"));
            learners.add(Names.unique("fuzz-learner"));
        }
        actions = quest.challenges().stream().flatMap(c -> c.actions().stream()).map(PageAction::id).toList();
        if (actions.isEmpty()) {
            throw new IllegalStateException("the quest has no challenge actions; RouteInputs expects some");
        }
        consumers.add("consumer-1");
        runs.add("no-such-run");
    }

    /** A valid value for a path parameter, by its name in the route; a fresh name for one this class does not know. */
    String validParam(String name) {
        return switch (name) {
            case "name", "topic" -> topics.isEmpty() ? Names.unique("fuzz") : in.pick(name.equals("topic")
                    && !pipelineTopics.isEmpty() && in.chance(0.5) ? pipelineTopics : topics);
            case "group" -> in.pick(groups);
            case "id" -> in.pick(consumers);
            case "mode" -> in.pick(Arrays.stream(Worker.Mode.values()).map(Worker.Mode::flag).toList());
            case "chapter" -> in.pick(quest.chapters()).id();
            case "question" -> in.pick(quest.chapters().stream().flatMap(c -> c.questions().stream())
                    .map(Question::id).toList());
            case "challenge" -> in.pick(quest.challenges()).id();
            case "action" -> in.pick(actions);
            case "mark" -> in.pick(quest.checklist().stream().flatMap(m -> m.requires().stream())
                    .filter(r -> r.startsWith("self:")).map(r -> r.substring("self:".length())).toList());
            default -> Names.unique("fuzz");
        };
    }

    private String topic() {
        return topics.isEmpty() ? Names.unique("fuzz") : in.pick(topics);
    }

    /** Null when the route takes no body (it may still get one, as a mutation). */
    String validBody(String route) {
        Function<RouteInputs, String> body = VALID.get(route);
        return body == null ? null : body.apply(this);
    }

    private static final Map<String, Function<RouteInputs, String>> VALID = Map.ofEntries(
            Map.entry("POST /api/simulate", r -> r.in.pick(List.of(
                    "{\"window\":{\"type\":\"session\",\"gapMs\":5},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,"
                            + "\"events\":[{\"key\":\"a\",\"ts\":1}]}",
                    "{\"window\":{\"type\":\"tumbling\",\"sizeMs\":10},\"maxOutOfOrdernessMs\":2,\"allowedLatenessMs\":5,"
                            + "\"events\":[{\"key\":\"a\",\"ts\":1},{\"key\":\"b\",\"ts\":12,\"value\":3},{\"key\":\"a\",\"ts\":4}]}",
                    "{\"window\":{\"type\":\"sliding\",\"sizeMs\":10,\"slideMs\":5},\"maxOutOfOrdernessMs\":0,"
                            + "\"allowedLatenessMs\":0,\"events\":[{\"key\":\"a\",\"ts\":1000}]}"))),
            Map.entry("POST /api/topics", r -> {
                String name = Names.unique("fuzz");
                r.topics.add(name);
                return "{\"name\":\"" + name + "\",\"partitions\":" + (1 + r.in.below(4)) + "}";
            }),
            Map.entry("POST /api/topics/{name}/records", r -> r.in.pick(List.of(
                    "{\"key\":\"cust-1\",\"value\":\"order 1\"}",
                    "{\"key\":\"cust-2\",\"value\":{\"amount\":3},\"partition\":0,\"eventTime\":\"2024-11-25T10:20:00Z\","
                            + "\"headers\":{\"source\":\"fuzz\"}}",
                    "{\"value\":\"no key\"}"))),
            Map.entry("POST /api/groups/{group}/consumers", r -> "{\"topic\":\"" + r.topic() + "\",\"recordsPerSecond\":"
                    + r.in.pick(List.of(0, 1, 5)) + "}"),
            Map.entry("POST /api/groups/{group}/reset", r -> r.in.pick(List.of(
                    "{\"topic\":\"" + r.topic() + "\",\"to\":\"earliest\"}",
                    "{\"topic\":\"" + r.topic() + "\",\"to\":\"latest\"}",
                    "{\"topic\":\"" + r.topic() + "\",\"to\":\"offset\",\"offset\":1}",
                    "{\"topic\":\"" + r.topic() + "\",\"to\":\"time\",\"time\":\"2024-11-25T10:20:00Z\"}"))),
            Map.entry("POST /api/playback", r -> r.in.pick(List.of(
                    "{\"scenario\":\"" + r.in.pick(r.scenarios) + "\"}",
                    "{\"scenario\":\"" + r.in.pick(r.scenarios) + "\",\"window\":{\"type\":\"tumbling\",\"sizeMs\":3600000},"
                            + "\"maxOutOfOrdernessMs\":60000,\"allowedLatenessMs\":0}",
                    "{\"scenario\":\"" + r.in.pick(r.scenarios) + "\",\"window\":{\"type\":\"sliding\",\"sizeMs\":600000,"
                            + "\"slideMs\":300000}}",
                    "{\"scenario\":\"" + r.in.pick(r.scenarios) + "\",\"window\":{\"type\":\"session\",\"gapMs\":600000},"
                            + "\"idlenessMs\":1000}"))),
            Map.entry("POST /api/playback/mine", r -> "{\"scenario\":\"" + r.in.pick(r.scenarios) + "\"}"),
            Map.entry("POST /api/playback/play", r -> "{\"speed\":" + r.in.pick(List.of("0.25", "1", "2", "10")) + "}"),
            Map.entry("POST /api/playback/mine/play", r -> "{\"speed\":" + r.in.pick(List.of("0.25", "1", "2", "10")) + "}"),
            Map.entry("POST /api/playback/mine/inject", r -> "{\"key\":\"cust-1\",\"lateByMs\":90000}"),
            Map.entry("POST /api/playback/inject", r -> "{\"key\":\"cust-1\",\"lateByMs\":90000}"),
            Map.entry("POST /api/pipelines", r -> {
                String topic = r.topic();
                r.pipelineTopics.add(topic);
                return "{\"topic\":\"" + topic + "\",\"window\":{\"type\":\"tumbling\",\"sizeMs\":60000},"
                        + "\"maxOutOfOrdernessMs\":5000,\"allowedLatenessMs\":0}";
            }),
            Map.entry("POST /api/guarantees", r -> "{\"records\":10}"),
            Map.entry("POST /api/guarantees/{mode}/kill", r -> r.in.pick(List.of("{}", "{\"afterRecords\":5}",
                    "{\"times\":1}"))),
            Map.entry("POST /api/batch-stream/batch", r -> "{\"topic\":\"" + r.in.pick(r.demoTopics) + "\"}"),
            Map.entry("POST /api/batch-stream/trickle", r -> "{\"topic\":\"" + r.in.pick(r.demoTopics) + "\",\"on\":"
                    + r.in.chance(0.5) + ",\"perSecond\":2}"),
            Map.entry("POST /api/batch-stream/orders", r -> "{\"topic\":\"" + r.in.pick(r.demoTopics) + "\",\"count\":"
                    + (1 + r.in.below(10)) + "}"),
            Map.entry("POST /api/batch-stream/reset", r -> "{\"topic\":\"" + r.in.pick(r.demoTopics) + "\"}"),
            Map.entry("POST /api/chapters/{chapter}/questions/{question}/answer", r -> "{\"option\":" + r.in.below(3) + "}"),
            Map.entry("POST /api/challenges/{challenge}/check", r -> "{\"topic\":\"" + r.topic() + "\",\"group\":\""
                    + r.in.pick(r.groups) + "\"}"),
            Map.entry("POST /api/challenges/{challenge}/actions/{action}", r -> "{\"topic\":\"" + r.topic()
                    + "\",\"group\":\"" + r.in.pick(r.groups) + "\",\"output\":\"" + r.topic() + "\"}"),
            Map.entry("POST /api/progress/marks/{mark}", r -> "{\"done\":" + r.in.chance(0.5) + "}"),
            Map.entry("POST /api/learner", r -> "{\"name\":\"" + r.in.pick(r.learners) + "\"}"));

    /** For a costly route past its successes: a body the route must refuse. */
    String refusedBody(String route) {
        if (route.equals("POST /api/guarantees")) {
            return in.pick(List.of("{\"records\":9}", "{\"records\":-1}", "{\"records\":100001}", "{\"records\":\"ten\"}",
                    "{\"records\":2.5}", "{\"records\":99999999999999999999}", "{\"records\":10,\"unknown\":1}", "[]",
                    "{\"records\":[10]}", "{", "null"));
        }
        if (in.chance(0.5)) {
            return in.hostileBody();
        }
        String field = route.contains("/groups/") || route.endsWith("/pipelines") || route.contains("batch-stream")
                ? "topic" : "scenario";
        return "{\"" + field + "\":\"" + in.pick(List.of("..", "__consumer_offsets", "a/b", "", "t".repeat(250),
                "ünï-☃", "x".repeat(40_000))) + "\"}";
    }

    /** Learns the names an answer gave out (consumer ids, playback runs), so later requests can use them. */
    void harvest(String route, JsonNode answer) {
        if (answer == null || !answer.isObject()) {
            return;
        }
        if (route.equals("POST /api/groups/{group}/consumers") && answer.path("id").isTextual()) {
            consumers.add(answer.get("id").asText());
        }
        for (String field : List.of("runId", "run")) {
            if (answer.path(field).isTextual() && !runs.contains(answer.get(field).asText())) {
                runs.add(answer.get(field).asText());
            }
        }
    }
}
