package dev.streamlab.kafka.playback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.pipeline.PipelineSnapshot;
import dev.streamlab.kafka.pipeline.Pipelines;
import dev.streamlab.scenario.Scenario;
import dev.streamlab.scenario.ScenarioCatalog;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaybackTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final KafkaClients clients = new KafkaClients(TestBroker.bootstrapServers(), Map.of());
    private final Pipelines pipelines = new Pipelines(clients);
    private final ScenarioCatalog catalog = ScenarioCatalog.load();

    @AfterEach
    void tearDown() {
        pipelines.close();
    }

    private List<String> values(String topic) {
        return Kafka.readAll(clients.bootstrapServers(), topic, "read_committed").stream().map(ConsumerRecord::value).toList();
    }

    @Test
    void steppingBackGivesTheSameStateAsSteppingToThePreviousEvent() {
        Scenario scenario = catalog.get("mobile-order-1159").orElseThrow();
        try (Playback back = new Playback(clients, pipelines, scenario, Names.unique("back"), null);
             Playback forward = new Playback(clients, pipelines, scenario, Names.unique("forward"), null)) {
            for (int i = 0; i < 7; i++) {
                back.step();
            }
            String before = back.state().runId();
            back.stepBack();
            for (int i = 0; i < 6; i++) {
                forward.step();
            }
            PlaybackState state = back.state();
            assertEquals(6, state.position());
            assertNotEquals(before, state.runId(), "stepping back plays onto fresh topics");
            PipelineSnapshot a = back.pipeline().snapshot();
            PipelineSnapshot b = forward.pipeline().snapshot();
            assertEquals(b, a);
            assertEquals(values(forward.state().outputTopic()), values(state.outputTopic()));
            assertEquals(values(forward.state().lateTopic()), values(state.lateTopic()));
            assertTrue(a.firings() > 0, "by event 6 the 11:00 windows have fired");

            assertEquals(6, back.step(), "stepping on continues where it stepped back to");
        }
    }

    @Test
    void anInjectedLateEventLandsInTheLateTopic() throws Exception {
        Scenario scenario = catalog.get("too-late-side-output").orElseThrow();
        try (Playback playback = new Playback(clients, pipelines, scenario, Names.unique("inject"), null)) {
            playback.step();
            playback.step();
            playback.step();
            long watermark = playback.pipeline().snapshot().watermark();
            long ts = playback.injectLate("late-key", 10_000);
            assertEquals(watermark - 10_000, ts);
            assertEquals(1, playback.state().injected());
            assertEquals(3, playback.state().position(), "an injected event is not a scenario step");

            List<String> late = values(playback.state().lateTopic());
            assertEquals(1, late.size());
            JsonNode element = MAPPER.readTree(late.get(0));
            assertEquals("late-key", element.get("key").asText());
            assertEquals(ts, element.get("ts").asLong());
            assertEquals(0, element.get("partition").asInt());
            assertEquals(watermark, element.get("watermark").asLong());

            playback.stepBack();
            assertEquals(0, playback.state().injected(), "stepping back undoes the injection");
            assertTrue(values(playback.state().lateTopic()).isEmpty());
        }
    }

    @Test
    void playingStepsByItselfUntilPausedAndRestartStartsOver() {
        Scenario scenario = catalog.get("out-of-order-within-bound").orElseThrow();
        try (Playback playback = new Playback(clients, pipelines, scenario, Names.unique("play"), null)) {
            playback.play(100);
            assertEquals(10.0, playback.state().speed(), "speed is clamped to 10");
            await().atMost(Duration.ofSeconds(20)).until(() -> playback.state().position() >= 2);
            playback.pause();
            PlaybackState paused = playback.state();
            assertFalse(paused.playing());
            assertEquals(paused.position(), playback.state().position());

            playback.restart();
            assertEquals(0, playback.state().position());
            assertEquals(0, playback.pipeline().snapshot().eventsProcessed());
        }
    }
}
