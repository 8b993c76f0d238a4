package dev.streamlab.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import dev.streamlab.testing.WsClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /ws on a real lab and the real broker: what a page receives, and how the hub treats slow pages. */
class LiveChannelTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** Short, so the test sees a stalled page cut off; the lab's default is 15 s. */
    private static final HubSettings SETTINGS = new HubSettings(Duration.ofMillis(50), 4, 200, Duration.ofSeconds(3));
    private static TestLab lab;
    private final String bootstrap = TestBroker.bootstrapServers();

    @BeforeAll
    static void startLab() {
        lab = TestLab.start(TestBroker.bootstrapServers(), SETTINGS);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @Test
    void aPageGetsATopicsPartitionsAsASnapshotThenTheNewEndOffsetAsADelta() {
        String topic = Names.unique("live-orders");
        Kafka.createTopic(bootstrap, topic, 2);
        try (WsClient page = WsClient.connect(lab.wsUrl())) {
            page.send("{\"op\":\"subscribe\",\"ref\":\"t\",\"subject\":\"topic\",\"topic\":\"" + topic + "\"}");
            JsonNode snapshot = await().atMost(PATIENCE).until(() -> page.parts("snapshot", "topic/" + topic),
                    parts -> !parts.isEmpty()).get(0);
            assertEquals(2, snapshot.get("entries").get("meta").get("partitions").asInt());
            assertEquals(0, snapshot.get("entries").get("p1").get("highWatermark").asLong());

            Kafka.produce(bootstrap, topic, List.of(new ProducerRecord<>(topic, 1, "k", "v")));

            await().atMost(PATIENCE).until(() -> page.parts("delta", "topic/" + topic).stream()
                    .anyMatch(d -> d.get("changed").path("p1").path("highWatermark").asLong() == 1));
            assertTrue(page.parts("delta", "topic/" + topic).stream().noneMatch(d -> d.get("changed").has("p0")),
                    "an untouched partition is not sent again");
        }
    }

    @Test
    void aPageWatchingRecordsSeesEachWithItsPartitionOffsetKeyAndHeaders() {
        String topic = Names.unique("live-records");
        Kafka.createTopic(bootstrap, topic, 1);
        try (WsClient page = WsClient.connect(lab.wsUrl())) {
            page.send("{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"" + topic + "\"}");
            await().atMost(PATIENCE).until(() -> !page.parts("subscribed", null).isEmpty());
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, 0, "cust-7", "hello");
            record.headers().add("source", "test".getBytes());
            Kafka.produce(bootstrap, topic, List.of(record));

            JsonNode received = await().atMost(PATIENCE).until(() -> page.parts("records", null),
                    parts -> !parts.isEmpty()).get(0).get("records").get(0);
            assertEquals(0, received.get("offset").asLong());
            assertEquals("cust-7", received.get("key").asText());
            assertEquals("hello", received.get("value").asText());
            assertEquals("source", received.get("headers").get(0).get("key").asText());
        }
    }

    @Test
    void aBurstOfRecordsReachesAPageInAtMostAboutTwentyFramesASecond() throws Exception {
        String topic = Names.unique("live-burst");
        Kafka.createTopic(bootstrap, topic, 1);
        try (WsClient page = WsClient.connect(lab.wsUrl());
             KafkaProducer<String, String> producer = Kafka.producer(bootstrap, Map.of())) {
            page.send("{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"" + topic + "\"}");
            await().atMost(PATIENCE).until(() -> !page.parts("subscribed", null).isEmpty());
            int before = page.frameCount();
            long start = System.nanoTime();
            for (int i = 0; i < 5000; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.flush();
            await().atMost(PATIENCE).until(() -> page.parts("records", null).stream()
                    .anyMatch(p -> p.get("records").findValuesAsText("value").contains("v4999")));
            double seconds = (System.nanoTime() - start) / 1e9;

            int frames = page.frameCount() - before;
            assertTrue(frames <= Math.ceil(seconds * 20) + 2, frames + " frames in " + seconds + " s");
            long delivered = page.parts("records", null).stream().mapToLong(p -> p.get("records").size()).sum();
            long skipped = page.parts("records", null).stream().mapToLong(p -> p.get("skipped").asLong()).sum();
            assertEquals(5000, delivered + skipped, "every record is either shown or counted as skipped");
        }
    }

    @Test
    void aStalledPageIsCutOffWhileAHealthyOneKeepsGettingFrames() throws Exception {
        String topic = Names.unique("live-stall");
        Kafka.createTopic(bootstrap, topic, 1);
        String subscribe = "{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"" + topic + "\"}";
        try (WsClient frozen = WsClient.stalled(lab.wsUrl()).send(subscribe);
             WsClient healthy = WsClient.connect(lab.wsUrl()).send(subscribe);
             KafkaProducer<String, String> producer = Kafka.producer(bootstrap, Map.of())) {
            String big = "x".repeat(3000);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            int round = 0;
            while (!frozen.isClosed() && System.nanoTime() < deadline) {
                int framesBefore = healthy.frameCount();
                for (int i = 0; i < 500; i++) {
                    producer.send(new ProducerRecord<>(topic, "k", round + ":" + i + big));
                }
                producer.flush();
                int r = round++;
                String last = r + ":499" + big;
                await().atMost(PATIENCE).until(() -> healthy.frameCount() > framesBefore
                        && healthy.parts("records", null).stream()
                        .anyMatch(p -> p.get("records").findValuesAsText("value").contains(last)));
            }

            assertTrue(frozen.isClosed(), "the frozen page was disconnected");
            assertEquals(LiveHub.CLOSE_TOO_SLOW, frozen.closeCode());
            assertTrue(round >= 2, "the healthy page got every round meanwhile: " + round);
            assertTrue(lab.hub().droppedClients() >= 1);
        }
    }

    @Test
    void aWebSocketFromAnotherSitesPageIsRefused() {
        HttpClient client = HttpClient.newHttpClient();
        CompletionException refused = assertThrows(CompletionException.class, () -> client.newWebSocketBuilder()
                .header("Origin", "https://evil.example")
                .buildAsync(URI.create(lab.wsUrl()), new java.net.http.WebSocket.Listener() { }).join());
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(403, handshake.getResponse().statusCode());

        try (WsClient own = WsClient.open(lab.wsUrl(), "http://127.0.0.1:" + lab.port())) {
            own.send("{\"op\":\"subscribe\",\"subject\":\"status\"}");
            await().atMost(PATIENCE).until(() -> !own.parts("snapshot", "status").isEmpty());
        }
    }

    @Test
    void aStateChangingRequestFromAnotherSitesPageIsRefusedWithAReason() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String body = "{\"name\":\"" + Names.unique("evil") + "\",\"partitions\":1}";
        HttpResponse<String> foreign = client.send(HttpRequest.newBuilder(URI.create(lab.url("/api/topics")))
                .header("Origin", "https://evil.example").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(403, foreign.statusCode());
        assertTrue(foreign.body().contains("a page elsewhere may not drive your lab"), foreign.body());

        HttpResponse<String> own = client.send(HttpRequest.newBuilder(URI.create(lab.url("/api/topics")))
                .header("Origin", "http://127.0.0.1:" + lab.port()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, own.statusCode(), own.body());
    }

    @Test
    void aPageWhoseKafkaIsNotAnsweringIsToldSo() {
        try (TestLab orphan = TestLab.start("127.0.0.1:" + FreePorts.next(), SETTINGS);
             WsClient page = WsClient.connect(orphan.wsUrl())) {
            page.send("{\"op\":\"subscribe\",\"subject\":\"status\"}");

            await().atMost(PATIENCE).until(() -> page.parts().stream()
                    .filter(p -> p.path("subject").asText().equals("status"))
                    .map(p -> p.has("entries") ? p.get("entries") : p.get("changed"))
                    .anyMatch(e -> e.path("broker").has("reachable") && !e.path("broker").get("reachable").asBoolean()));
        }
    }
}
