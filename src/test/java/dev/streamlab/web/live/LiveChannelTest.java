package dev.streamlab.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.FrozenPage;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import dev.streamlab.testing.WsClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
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
            await().atMost(PATIENCE).until(() -> page.state("topic/" + topic).containsKey("p1"));
            assertEquals(1, page.parts("snapshot", "topic/" + topic).size(), "one snapshot, then deltas");
            assertEquals(2, page.state("topic/" + topic).get("meta").get("partitions").asInt());
            assertEquals(0, page.state("topic/" + topic).get("p1").get("highWatermark").asLong());

            int deltasBefore = page.parts("delta", "topic/" + topic).size();
            Kafka.produce(bootstrap, topic, List.of(new ProducerRecord<>(topic, 1, "k", "v")));

            await().atMost(PATIENCE).until(() -> page.state("topic/" + topic).get("p1").get("highWatermark").asLong() == 1);
            List<JsonNode> deltas = page.parts("delta", "topic/" + topic);
            assertTrue(deltas.size() > deltasBefore);
            assertTrue(deltas.subList(deltasBefore, deltas.size()).stream().noneMatch(d -> d.get("changed").has("p0")),
                    "an untouched partition is not sent again");
        }
    }

    @Test
    void anOpenTransactionShowsOnItsTopicWithTheLastStableOffsetBehindTheEnd() {
        String topic = Names.unique("live-tx");
        String transactionalId = Names.unique("payments-tx");
        Kafka.createTopic(bootstrap, topic, 1);
        try (WsClient page = WsClient.connect(lab.wsUrl());
             KafkaProducer<String, String> producer = Kafka.producer(bootstrap,
                     Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId))) {
            page.send("{\"op\":\"subscribe\",\"subject\":\"topic\",\"topic\":\"" + topic + "\"}");
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, "k", "pending"));
            producer.flush();

            String subject = "topic/" + topic;
            await().atMost(PATIENCE).until(() -> page.state(subject).containsKey("tx:" + transactionalId)
                    && page.state(subject).get("p0").get("highWatermark").asLong() == 1);
            assertEquals("Ongoing", page.state(subject).get("tx:" + transactionalId).get("state").asText());
            assertEquals(0, page.state(subject).get("p0").get("lastStableOffset").asLong());

            producer.commitTransaction();
            await().atMost(PATIENCE).until(() -> page.state(subject).get("p0").get("lastStableOffset").asLong() == 2);
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

    /**
     * A burst is coalesced: a page gets far fewer frames than records, and every record is shown or counted as
     * skipped. (How often a busy page may get a frame is the hub's rule, tested with its clock in LiveHubTest; a
     * quiet page gets each change at once, so the count here depends on how Kafka batches, not on a clock.)
     */
    @Test
    void aBurstOfRecordsReachesAPageInFarFewerFramesThanRecordsWithNoneLost() throws Exception {
        String topic = Names.unique("live-burst");
        Kafka.createTopic(bootstrap, topic, 1);
        try (WsClient page = WsClient.connect(lab.wsUrl());
             KafkaProducer<String, String> producer = Kafka.producer(bootstrap, Map.of())) {
            page.send("{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"" + topic + "\"}");
            await().atMost(PATIENCE).until(() -> !page.parts("subscribed", null).isEmpty());
            int before = page.frameCount();
            for (int i = 0; i < 5000; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.flush();
            await().atMost(PATIENCE).until(() -> page.parts("records", null).stream()
                    .anyMatch(p -> p.get("records").findValuesAsText("value").contains("v4999")));

            int frames = page.frameCount() - before;
            assertTrue(frames <= 500, "5,000 records came in " + frames + " frames: fewer than 10 records a frame");
            long delivered = page.parts("records", null).stream().mapToLong(p -> p.get("records").size()).sum();
            long skipped = page.parts("records", null).stream().mapToLong(p -> p.get("skipped").asLong()).sum();
            assertEquals(5000, delivered + skipped, "every record is either shown or counted as skipped");
        }
    }

    @Test
    void aFrozenPageIsCutOffWhileAHealthyOneKeepsGettingEveryRound() {
        String topic = Names.unique("live-stall");
        Kafka.createTopic(bootstrap, topic, 1);
        String subscribe = "{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"" + topic + "\"}";
        long droppedBefore = lab.hub().droppedClients();
        try (FrozenPage frozen = FrozenPage.open(lab.port(), subscribe);
             WsClient healthy = WsClient.connect(lab.wsUrl()).send(subscribe);
             KafkaProducer<String, String> producer = Kafka.producer(bootstrap, Map.of())) {
            String big = "x".repeat(3000);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            int round = 0;
            while (lab.hub().droppedClients() == droppedBefore && System.nanoTime() < deadline) {
                int framesBefore = healthy.frameCount();
                for (int i = 0; i < 300; i++) {
                    producer.send(new ProducerRecord<>(topic, "k", round + ":" + i + big));
                }
                producer.flush();
                String last = round++ + ":299" + big;
                await().atMost(PATIENCE).until(() -> healthy.frameCount() > framesBefore
                        && healthy.parts("records", null).stream()
                        .anyMatch(p -> p.get("records").findValuesAsText("value").contains(last)));
            }

            assertEquals(droppedBefore + 1, lab.hub().droppedClients(), "the frozen page was cut off");
            assertTrue(round >= 2, "the healthy page got every round meanwhile: " + round);
            assertFalse(healthy.isClosed());
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

            await().atMost(PATIENCE).until(() -> page.state("status").containsKey("broker")
                    && page.state("status").get("broker").get("checked").asBoolean()
                    && !page.state("status").get("broker").get("reachable").asBoolean());
            assertTrue(page.state("status").get("broker").get("problem").asText().contains("not answering"),
                    page.state("status").toString());
        }
    }
}
