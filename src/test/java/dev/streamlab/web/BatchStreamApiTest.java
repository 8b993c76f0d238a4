package dev.streamlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import dev.streamlab.testing.Tools;
import dev.streamlab.web.view.BatchStreamDemo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Chapter 1's demo over HTTP on the lab's own server and the real test broker: answers and refusals. */
class BatchStreamApiTest {
    private static final String BOOTSTRAP = TestBroker.bootstrapServers();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static TestLab lab;

    @BeforeAll
    static void start() {
        lab = TestLab.start(BOOTSTRAP);
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void resetAddOrdersAndRunTheBatchAnswerWithWhatTheyDid() {
        String topic = Names.unique("bs-api");

        JsonNode reset = json(post(lab, "/api/batch-stream/reset", "{\"topic\": \"" + topic + "\"}"), 200);
        assertEquals(3, reset.get("partitions").asInt());
        JsonNode added = json(post(lab, "/api/batch-stream/orders", "{\"topic\": \"" + topic + "\", \"count\": 12}"), 201);
        assertEquals(12, added.get("count").asInt());
        assertEquals("o-000001", added.get("firstOrderId").asText());
        assertEquals("o-000012", added.get("lastOrderId").asText());

        JsonNode batch = json(post(lab, "/api/batch-stream/batch", "{\"topic\": \"" + topic + "\"}"), 200);

        assertEquals(12, batch.get("recordsRead").asLong());
        assertEquals(12, batch.get("totals").get("orders").asLong());
        long ends = 0;
        for (JsonNode end : batch.get("endOffsets")) {
            ends += end.asLong();
        }
        assertEquals(12, ends, "the offsets it stopped at, per partition");
        assertTrue(batch.get("ranAtMs").asLong() > 0 && batch.get("tookMs").asLong() >= 0);
    }

    @Test
    void aTrickleStartsAndStopsOverHttp() {
        String topic = Names.unique("bs-api-trickle");
        json(post(lab, "/api/batch-stream/reset", "{\"topic\": \"" + topic + "\"}"), 200);

        JsonNode on = json(post(lab, "/api/batch-stream/trickle", "{\"topic\": \"" + topic + "\", \"on\": true}"), 200);
        assertTrue(on.get("on").asBoolean());
        assertEquals(2, on.get("perSecond").asInt(), "two a second unless asked otherwise");
        await().atMost(PATIENCE).until(() -> Kafka.readAll(BOOTSTRAP, topic, "read_uncommitted").size() >= 2);

        JsonNode off = json(post(lab, "/api/batch-stream/trickle", "{\"topic\": \"" + topic + "\", \"on\": false}"), 200);
        assertEquals(false, off.get("on").asBoolean());
    }

    @Test
    void requestsThatCannotWorkAreRefusedSayingWhatToDo() {
        assertError(post(lab, "/api/batch-stream/batch", ""), 400, "needs a JSON body like {\"topic\": \"bs-orders\"}");
        assertError(post(lab, "/api/batch-stream/batch", "{\"topik\": \"x\"}"), 400, "unknown field \"topik\"");
        assertError(post(lab, "/api/batch-stream/batch", "{}"), 400, "\"topic\" is missing");
        assertError(post(lab, "/api/batch-stream/batch", "{\"topic\": \"" + Names.unique("none") + "\"}"), 404,
                "there is no topic", "Reset");
        assertError(post(lab, "/api/batch-stream/reset", "{\"topic\": \"orders\"}"), 403, "start with \"bs-\"");
        assertError(post(lab, "/api/batch-stream/orders", "{\"topic\": \"bs-orders\", \"count\": 100000}"), 400,
                "from 1 to 1000");
        assertError(post(lab, "/api/batch-stream/trickle", "{\"topic\": \"bs-orders\"}"), 400, "\"on\" is true or false");
        assertError(post(lab, "/api/batch-stream/trickle", "{\"topic\": \"bs-orders\", \"on\": true, \"perSecond\": 0}"),
                400, "from 1 to 20");
    }

    @Test
    void withoutKafkaTheBatchIsA503SayingKafkaIsNotAnswering() {
        try (TestLab orphan = TestLab.start("127.0.0.1:" + FreePorts.next())) {
            assertError(post(orphan, "/api/batch-stream/batch", "{\"topic\": \"bs-orders\"}"), 503, "not answering");
        }
    }

    @Test
    void thePythonOneLinerShownOnThePageWritesAnOrderBothJobsCount() {
        assumeTrue(Tools.pythonHas("kafka"), "python3-kafka is not installed (apt-get install python3-kafka)");
        String topic = Names.unique("bs-api-python");
        json(post(lab, "/api/batch-stream/reset", "{\"topic\": \"" + topic + "\"}"), 200);

        Tools.Result run = Tools.run(Path.of("target"), "", "sh", "-c", BatchStreamDemo.pythonCommand(BOOTSTRAP, topic)
                .replaceFirst("^python3 ", Tools.PYTHON + " "));

        assertEquals(0, run.exitCode(), run.output());
        JsonNode batch = json(post(lab, "/api/batch-stream/batch", "{\"topic\": \"" + topic + "\"}"), 200);
        assertEquals(1, batch.get("totals").get("orders").asLong(), batch.toString());
        assertEquals("cust-9", batch.get("totals").get("customers").get(0).get("customer").asText());
    }

    @Test
    void theChapterPageCarriesTheDemoWithTheLabsBootstrapAddress() {
        HttpResponse<String> page = dev.streamlab.testing.Http.get(lab.url("/batch-vs-stream"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"batch-stream\""), "the section is on the page");
        assertTrue(page.body().contains("/web/js/batch-stream.js"));
        assertTrue(page.body().contains("kcat -b " + BOOTSTRAP + " -t bs-orders -K: -P"));
    }

    private static HttpResponse<String> post(TestLab target, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    private static void assertError(HttpResponse<String> r, int status, String... parts) {
        JsonNode body = json(r, status);
        assertEquals(List.of("error"), List.copyOf(iterable(body)), r.body());
        for (String part : parts) {
            assertTrue(body.get("error").asText().contains(part), "\"" + part + "\" missing from: " + r.body());
        }
    }

    private static List<String> iterable(JsonNode body) {
        List<String> names = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
