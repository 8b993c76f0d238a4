package dev.streamlab.kafka.playback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.engine.FireCause;
import dev.streamlab.engine.Firing;
import dev.streamlab.engine.LateElement;
import dev.streamlab.engine.TimeDomain;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.pipeline.Pipelines;
import dev.streamlab.scenario.Scenario;
import dev.streamlab.scenario.ScenarioResult;
import dev.streamlab.scenario.Scenarios;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key requirement: every instructor scenario played through Kafka gives exactly what the engine gives. */
class PlaybackConformanceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Pipelines pipelines;
    private static KafkaClients clients;

    @BeforeAll
    static void startPipelines() {
        clients = new KafkaClients(TestBroker.bootstrapServers(), Map.of());
        pipelines = new Pipelines(clients);
    }

    @AfterAll
    static void stopPipelines() {
        pipelines.close();
    }

    static Stream<String> scenarioFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("labs", "scenarios"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
            assertTrue(names.size() >= 9, "instructor scenarios in labs/scenarios: " + names);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioFiles")
    void playingAScenarioThroughKafkaWritesExactlyWhatTheEngineGives(String file) throws Exception {
        Scenario scenario = Scenarios.parse(Files.readString(Path.of("labs", "scenarios", file), StandardCharsets.UTF_8));
        ScenarioResult expected = Scenarios.run(scenario);
        assertTrue(!expected.firings().isEmpty(), "a scenario that fires nothing teaches nothing");

        try (Playback playback = new Playback(clients, pipelines, scenario, Names.unique("conf"), null)) {
            for (int i = 0; i < scenario.events().size(); i++) {
                assertEquals(i, playback.step());
            }
            assertEquals(scenario.events().size(), playback.step(), "the step after the last event ends the input");
            assertEquals(-1, playback.step());
            PlaybackState state = playback.state();
            assertTrue(state.ended());

            List<ConsumerRecord<String, String>> output = Kafka.readAll(clients.bootstrapServers(), state.outputTopic(), "read_committed");
            List<ConsumerRecord<String, String>> late = Kafka.readAll(clients.bootstrapServers(), state.lateTopic(), "read_committed");

            assertEquals(describeFirings(expected.firings()), describeOutput(output), file + ": firings on " + state.outputTopic());
            assertEquals(describeLate(expected.dropped()), describeLateOutput(late), file + ": late elements on " + state.lateTopic());
            assertEquals(expected.firings().size(), playback.pipeline().snapshot().firings());
        }
    }

    static List<String> describeFirings(List<Firing> firings) {
        List<String> out = new ArrayList<>();
        for (Firing f : firings) {
            out.add(String.join(" ", f.key(), f.domain() == TimeDomain.EVENT_TIME ? "event" : "processing",
                    Long.toString(f.window().start()), Long.toString(f.window().end()), Long.toString(f.result().count()),
                    Double.toString(f.result().sum()), f.cause().name().toLowerCase(),
                    f.cause() == FireCause.END_OF_INPUT ? "null" : Long.toString(f.afterEvent())));
        }
        return out;
    }

    static List<String> describeOutput(List<ConsumerRecord<String, String>> records) throws IOException {
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            JsonNode n = MAPPER.readTree(r.value());
            assertEquals(n.get("key").asText(), r.key(), "the record key is the window's key");
            out.add(String.join(" ", n.get("key").asText(), n.get("domain").asText(), n.get("start").asText(),
                    n.get("end").asText(), n.get("count").asText(), Double.toString(n.get("sum").asDouble()),
                    n.get("cause").asText(), n.get("afterEvent").isNull() ? "null" : n.get("afterEvent").asText()));
        }
        return out;
    }

    static List<String> describeLate(List<LateElement> late) {
        return late.stream().map(l -> l.event() + " " + l.key() + " " + l.ts() + " " + l.partition() + " " + l.watermark()
                + " " + l.allowedLatenessMs()).toList();
    }

    static List<String> describeLateOutput(List<ConsumerRecord<String, String>> records) throws IOException {
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            JsonNode n = MAPPER.readTree(r.value());
            out.add(n.get("event").asText() + " " + n.get("key").asText() + " " + n.get("ts").asText() + " "
                    + n.get("partition").asText() + " " + n.get("watermark").asText() + " " + n.get("allowedLatenessMs").asText());
        }
        return out;
    }
}
