package dev.streamlab.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import dev.streamlab.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The running/TOPIC subject on /ws: a snapshot of the demo, then deltas as orders arrive and the batch runs. */
class BatchStreamLiveTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static TestLab lab;

    @BeforeAll
    static void startLab() {
        lab = TestLab.start(TestBroker.bootstrapServers());
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @Test
    void aPageGetsTheRunningTotalsAsASnapshotThenUpdatesAsOrdersArrive() {
        String topic = Names.unique("bs-live");
        lab.web().batchStream().reset(topic);
        String subject = "running/" + topic;
        try (WsClient page = WsClient.connect(lab.wsUrl())) {
            page.send("{\"op\":\"subscribe\",\"ref\":\"r1\",\"subject\":\"running\",\"topic\":\"" + topic + "\"}");
            await().atMost(PATIENCE).until(() -> !page.parts("snapshot", subject).isEmpty());
            assertEquals(1, page.parts("snapshot", subject).size(), "one snapshot, then deltas");
            JsonNode first = page.parts("snapshot", subject).get(0).get("entries");
            assertTrue(first.has("stream") && first.has("trickle") && first.has("compare"), first.toString());
            assertFalse(first.has("batch"), "no batch has run yet");

            lab.web().batchStream().addOrders(topic, 4);

            await().atMost(PATIENCE).until(() -> page.state(subject).get("stream").get("recordsSeen").asLong() == 4);
            assertTrue(page.parts("delta", subject).stream().anyMatch(d -> d.get("changed").has("stream")));
            assertEquals(4, page.state(subject).get("stream").get("totals").get("orders").asLong());

            lab.web().batchStream().runBatch(topic);
            lab.web().batchStream().addOrders(topic, 2);

            await().atMost(PATIENCE).until(() -> page.state(subject).get("compare").get("staleBy").asLong() == 2);
            Map<String, JsonNode> state = page.state(subject);
            assertEquals(4, state.get("batch").get("recordsRead").asLong(), "the batch result stays as it ran");
            assertEquals(6, state.get("stream").get("recordsSeen").asLong());
            assertFalse(state.get("compare").get("matches").asBoolean());
        }
    }

    @Test
    void twoPagesOnOneTopicShareOneConsumerAndItStopsWhenBothLeave() {
        String topic = Names.unique("bs-live-shared");
        lab.web().batchStream().reset(topic);
        String subscribe = "{\"op\":\"subscribe\",\"subject\":\"running\",\"topic\":\"" + topic + "\"}";
        int before = lab.web().batchStream().streams();
        try (WsClient one = WsClient.connect(lab.wsUrl()); WsClient two = WsClient.connect(lab.wsUrl())) {
            one.send(subscribe);
            two.send(subscribe);
            await().atMost(PATIENCE).until(() -> !one.parts("snapshot", "running/" + topic).isEmpty()
                    && !two.parts("snapshot", "running/" + topic).isEmpty());
            assertEquals(before + 1, lab.web().batchStream().streams());
        }
        await().atMost(PATIENCE).until(() -> lab.web().batchStream().streams() == before);
    }

    @Test
    void aRunningSubscriptionWithoutATopicIsAnsweredWithAnError() {
        try (WsClient page = WsClient.connect(lab.wsUrl())) {
            page.send("{\"op\":\"subscribe\",\"ref\":\"r9\",\"subject\":\"running\"}");
            await().atMost(PATIENCE).until(() -> !page.parts("error", null).isEmpty());
            JsonNode error = page.parts("error", null).get(0);
            assertEquals("r9", error.get("ref").asText());
            assertTrue(error.get("error").asText().contains("\"topic\""), error.toString());
        }
    }
}
