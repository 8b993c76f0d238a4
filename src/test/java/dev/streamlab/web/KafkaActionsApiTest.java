package dev.streamlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.TestLab;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kafka actions over HTTP on the lab's own web server, against the real test broker. */
class KafkaActionsApiTest {
    private static final String BOOTSTRAP = TestBroker.bootstrapServers();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Lab lab;
    private static Admin admin;

    @BeforeAll
    static void start() {
        lab = new Lab(BOOTSTRAP);
        admin = Kafka.admin(BOOTSTRAP);
    }

    @AfterAll
    static void stop() {
        lab.close();
        admin.close();
    }

    // ---- topics ----

    @Test
    void creatingATopicAnswers201WithItsNameAndPartitions() throws Exception {
        String name = Names.unique("orders");

        HttpResponse<String> r = lab.send("POST", "/api/topics", "{\"name\": \"" + name + "\", \"partitions\": 3}");

        assertEquals(201, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("{\"name\":\"" + name + "\",\"partitions\":3}", r.body());
        assertEquals(3, admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions().size());
    }

    @Test
    void aBadTopicNameIsA400ExplainingKafkasNamingRules() {
        HttpResponse<String> r = lab.send("POST", "/api/topics", "{\"name\": \"my orders!\", \"partitions\": 1}");

        assertEquals(400, r.statusCode());
        assertError(r, "\"my orders!\" is not a valid topic name: a space is not allowed",
                "ASCII letters, digits, '.', '_' and '-'", "249", "'.' into '_'");
    }

    @Test
    void badPartitionCountsAreA400SayingTheRangeAndWhy() {
        assertEquals(400, lab.send("POST", "/api/topics", "{\"name\": \"t\", \"partitions\": 0}").statusCode());
        HttpResponse<String> tooMany = lab.send("POST", "/api/topics", "{\"name\": \"t\", \"partitions\": 1000}");

        assertEquals(400, tooMany.statusCode());
        assertError(tooMany, "partitions must be between 1 and 64, got 1000");
    }

    @Test
    void creatingATopicThatExistsIsA409() {
        String name = Names.unique("orders");
        assertEquals(201, lab.send("POST", "/api/topics", "{\"name\": \"" + name + "\", \"partitions\": 1}").statusCode());

        HttpResponse<String> again = lab.send("POST", "/api/topics", "{\"name\": \"" + name + "\", \"partitions\": 1}");

        assertEquals(409, again.statusCode());
        assertError(again, "already exists", "DELETE /api/topics/" + name);
    }

    @Test
    void malformedJsonIsA400SayingWhereAndWhatWasExpected() {
        HttpResponse<String> r = lab.send("POST", "/api/topics", "{\"name\": \"orders\", partitions: 3}");

        assertEquals(400, r.statusCode());
        assertError(r, "the body is not valid JSON (line 1, column ",
                "expected a JSON object like {\"name\": \"orders\", \"partitions\": 3}");
    }

    @Test
    void anUnknownFieldAWrongTypeAFractionAndAnEmptyBodyAreEachA400NamingTheProblem() {
        assertError(lab.send("POST", "/api/topics", "{\"name\": \"orders\", \"partiton\": 3}"),
                "unknown field \"partiton\" (known fields: name, partitions)");
        assertError(lab.send("POST", "/api/topics", "{\"name\": \"orders\", \"partitions\": \"three\"}"),
                "field \"partitions\" must be a whole number (got \"three\")");
        assertError(lab.send("POST", "/api/topics", "{\"name\": \"orders\", \"partitions\": 2.5}"),
                "field \"partitions\" must be a whole number");
        assertError(lab.send("POST", "/api/topics", "{\"name\": \"orders\", \"partitions\": 99999999999}"),
                "field \"partitions\" has a number out of range");
        assertError(lab.send("POST", "/api/topics", ""), "the request needs a JSON body like {\"name\": \"orders\"");
        assertError(lab.send("POST", "/api/topics", "[1, 2]"), "the body is JSON but not an object");
    }

    @Test
    void deletingATopicIs204AndThenItIsGone() {
        String name = Names.unique("orders");
        Kafka.createTopic(BOOTSTRAP, name, 2);

        HttpResponse<String> r = lab.send("DELETE", "/api/topics/" + name, null);

        assertEquals(204, r.statusCode());
        assertEquals("", r.body());
        await().atMost(WAIT).until(() -> !admin.listTopics().names().get().contains(name));
    }

    @Test
    void deletingAnInternalTopicIsA403AndAnUnknownOneA404() {
        HttpResponse<String> internal = lab.send("DELETE", "/api/topics/__consumer_offsets", null);
        HttpResponse<String> unknown = lab.send("DELETE", "/api/topics/" + Names.unique("nothing"), null);

        assertEquals(403, internal.statusCode());
        assertError(internal, "internal topics", "committed offsets");
        assertEquals(404, unknown.statusCode());
        assertError(unknown, "no topic");
    }

    // ---- records ----

    @Test
    void aKeyedRecordIs201WithItsPartitionOffsetAndTheHashThatChoseIt() throws Exception {
        String topic = Names.unique("orders");
        Kafka.createTopic(BOOTSTRAP, topic, 3);

        HttpResponse<String> r = lab.send("POST", "/api/topics/" + topic + "/records",
                "{\"key\": \"cust-1\", \"value\": \"order 1\", \"headers\": {\"source\": \"lab\"}}");

        assertEquals(201, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        ConsumerRecord<String, String> stored = Kafka.readAll(BOOTSTRAP, topic, "read_uncommitted").get(0);
        assertEquals(topic, body.get("topic").asText());
        assertEquals(stored.partition(), body.get("partition").asInt(), "the partition Kafka actually wrote to");
        assertEquals(stored.offset(), body.get("offset").asLong());
        assertEquals(stored.timestamp(), body.get("timestamp").asLong());
        JsonNode reason = body.get("reason");
        assertEquals("key-hash", reason.get("kind").asText());
        assertEquals(3, reason.get("partitions").asInt());
        int hash = reason.get("hash").asInt();
        assertEquals(stored.partition(), hash % 3);
        assertEquals("key \"cust-1\": murmur2 hash " + hash + " mod 3 partitions = " + stored.partition()
                + ", so every record with this key lands in partition " + stored.partition()
                + " (as long as the topic keeps 3 partitions)", reason.get("text").asText());
        assertEquals("lab", new String(stored.headers().lastHeader("source").value(), StandardCharsets.UTF_8));
    }

    @Test
    void aKeylessRecordIsStickyAndItsHashIsNull() throws Exception {
        String topic = Names.unique("orders");
        Kafka.createTopic(BOOTSTRAP, topic, 2);

        JsonNode body = JSON.readTree(lab.send("POST", "/api/topics/" + topic + "/records", "{\"value\": \"x\"}").body());

        assertEquals("sticky", body.get("reason").get("kind").asText());
        assertTrue(body.get("reason").get("hash").isNull());
        assertTrue(body.get("reason").get("text").asText().contains("sticky partitioner"));
    }

    @Test
    void aJsonValueIsWrittenAsCompactJsonAndAnEventTimeBecomesTheTimestamp() throws Exception {
        String topic = Names.unique("orders");
        Kafka.createTopic(BOOTSTRAP, topic, 1);

        HttpResponse<String> r = lab.send("POST", "/api/topics/" + topic + "/records",
                "{\"key\": null, \"value\": {\"amount\": 12, \"currency\": \"EUR\"}, \"partition\": 0,"
                        + " \"eventTime\": 1732530000}");

        assertEquals(201, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(1732530000000L, body.get("timestamp").asLong());
        assertTrue(body.get("timestampText").asText().contains("is the eventTime you gave: 2024-11-25T10:20:00Z"));
        assertEquals("chosen", body.get("reason").get("kind").asText());
        ConsumerRecord<String, String> stored = Kafka.readAll(BOOTSTRAP, topic, "read_uncommitted").get(0);
        assertEquals("{\"amount\":12,\"currency\":\"EUR\"}", stored.value());
        assertEquals(1732530000000L, stored.timestamp());
    }

    @Test
    void aPartitionOutOfRangeABadEventTimeAndAMissingTopicAreRefusedAndWriteNothing() {
        String topic = Names.unique("orders");
        Kafka.createTopic(BOOTSTRAP, topic, 3);
        String missing = Names.unique("missing");

        HttpResponse<String> partition = lab.send("POST", "/api/topics/" + topic + "/records",
                "{\"value\": \"x\", \"partition\": 5}");
        HttpResponse<String> eventTime = lab.send("POST", "/api/topics/" + topic + "/records",
                "{\"value\": \"x\", \"eventTime\": \"25/11/2026 10:00\"}");
        HttpResponse<String> noTopic = lab.send("POST", "/api/topics/" + missing + "/records", "{\"value\": \"x\"}");

        assertEquals(400, partition.statusCode());
        assertError(partition, "topic " + topic + " has 3 partitions (0-2)");
        assertEquals(400, eventTime.statusCode());
        assertError(eventTime, "eventTime \"25/11/2026 10:00\" is not a time", "ISO-8601");
        assertEquals(404, noTopic.statusCode());
        assertError(noTopic, "there is no topic \"" + missing + "\"");
        assertEquals(0, Kafka.readAll(BOOTSTRAP, topic, "read_uncommitted").size());
    }

    // ---- demo consumers ----

    @Test
    void aDemoConsumerIsCreatedListedPausedWithGrowingLagResumedAndStopped() throws Exception {
        String topic = Names.unique("orders");
        String group = Names.unique("billing");
        Kafka.createTopic(BOOTSTRAP, topic, 1);
        produce(topic, 0, 4);

        HttpResponse<String> created = lab.send("POST", "/api/groups/" + group + "/consumers",
                "{\"topic\": \"" + topic + "\", \"recordsPerSecond\": 0}");

        assertEquals(201, created.statusCode(), created.body());
        JsonNode consumer = JSON.readTree(created.body());
        String id = consumer.get("id").asText();
        assertEquals(group, consumer.get("group").asText());
        assertEquals(topic, consumer.get("topic").asText());
        assertFalse(consumer.get("paused").asBoolean());
        await().atMost(WAIT).until(() -> committed(group) == 4);
        JsonNode listed = listed(id);
        assertEquals("[0]", listed.get("partitions").toString());
        assertEquals(4, listed.get("recordsConsumed").asLong());

        HttpResponse<String> paused = lab.send("POST", "/api/consumers/" + id + "/pause", null);
        assertEquals(200, paused.statusCode());
        assertTrue(JSON.readTree(paused.body()).get("paused").asBoolean());
        produce(topic, 4, 6);
        await("lag grows while paused").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> committed(group) == 4);
        assertEquals(10, admin.listOffsets(Map.of(new TopicPartition(topic, 0),
                org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get()
                .get(new TopicPartition(topic, 0)).offset(), "end offset 10, committed 4: lag 6");
        assertTrue(listed(id).get("paused").asBoolean());

        HttpResponse<String> resumed = lab.send("POST", "/api/consumers/" + id + "/resume", null);
        assertEquals(200, resumed.statusCode());
        assertFalse(JSON.readTree(resumed.body()).get("paused").asBoolean());
        await("it catches up after resuming").atMost(WAIT).until(() -> committed(group) == 10);

        assertEquals(204, lab.send("DELETE", "/api/consumers/" + id, null).statusCode());
        assertEquals(404, lab.send("DELETE", "/api/consumers/" + id, null).statusCode());
        assertTrue(admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().isEmpty());
    }

    @Test
    void stoppingOneOfTwoConsumersInAGroupRebalancesItsPartitionToTheOther() {
        String topic = Names.unique("orders");
        String group = Names.unique("billing");
        Kafka.createTopic(BOOTSTRAP, topic, 2);
        String body = "{\"topic\": \"" + topic + "\"}";
        String first = id(lab.send("POST", "/api/groups/" + group + "/consumers", body));
        String second = id(lab.send("POST", "/api/groups/" + group + "/consumers", body));
        await("each has one partition").atMost(WAIT).until(() -> listed(first).get("partitions").size() == 1
                && listed(second).get("partitions").size() == 1);

        assertEquals(204, lab.send("DELETE", "/api/consumers/" + first, null).statusCode());

        await("the other gets both").atMost(WAIT).until(() -> "[0,1]".equals(listed(second).get("partitions").toString()));
        lab.send("DELETE", "/api/consumers/" + second, null);
    }

    @Test
    void startingAConsumerOnAMissingTopicIsA404AndPausingAnUnknownConsumerToo() {
        HttpResponse<String> noTopic = lab.send("POST", "/api/groups/g/consumers",
                "{\"topic\": \"" + Names.unique("missing") + "\"}");
        HttpResponse<String> noConsumer = lab.send("POST", "/api/consumers/consumer-404/pause", null);

        assertEquals(404, noTopic.statusCode());
        assertError(noTopic, "there is no topic");
        assertEquals(404, noConsumer.statusCode());
        assertError(noConsumer, "no demo consumer \"consumer-404\"", "GET /api/consumers");
    }

    // ---- group reset ----

    @Test
    void resettingAGroupWithActiveMembersIsA409AndOnceTheyAreStoppedA200WithTheNewOffsets() throws Exception {
        String topic = Names.unique("orders");
        String group = Names.unique("billing");
        Kafka.createTopic(BOOTSTRAP, topic, 2);
        produce(topic, 0, 6);
        String id = id(lab.send("POST", "/api/groups/" + group + "/consumers", "{\"topic\": \"" + topic + "\"}"));
        await().atMost(WAIT).until(() -> committed(group) == 6);

        HttpResponse<String> busy = lab.send("POST", "/api/groups/" + group + "/reset",
                "{\"topic\": \"" + topic + "\", \"to\": \"earliest\"}");

        assertEquals(409, busy.statusCode());
        assertError(busy, "group " + group + " still has 1 active member(s) (client ids streamlab-demo-" + id + ")",
                "stop the group's consumers first, then reset", "DELETE /api/consumers/" + id);

        lab.send("DELETE", "/api/consumers/" + id, null);
        HttpResponse<String> reset = lab.send("POST", "/api/groups/" + group + "/reset",
                "{\"topic\": \"" + topic + "\", \"to\": \"offset\", \"offset\": 1}");

        assertEquals(200, reset.statusCode(), reset.body());
        JsonNode body = JSON.readTree(reset.body());
        assertEquals(group, body.get("group").asText());
        assertEquals("offset", body.get("to").asText());
        assertEquals(2, body.get("partitions").size());
        for (JsonNode p : body.get("partitions")) {
            assertEquals(1, p.get("offset").asLong());
            assertTrue(p.get("previous").asLong() > 1);
        }
        assertEquals(2, committed(group));
    }

    @Test
    void resettingOnAnUnknownTopicIsA404AndWithAnUnknownTargetA400() {
        HttpResponse<String> noTopic = lab.send("POST", "/api/groups/g/reset",
                "{\"topic\": \"" + Names.unique("missing") + "\", \"to\": \"latest\"}");
        HttpResponse<String> badTarget = lab.send("POST", "/api/groups/g/reset",
                "{\"topic\": \"orders\", \"to\": \"start\"}");

        assertEquals(404, noTopic.statusCode());
        assertEquals(400, badTarget.statusCode());
        assertError(badTarget, "\"to\": \"start\" is not a target");
    }

    // ---- the broker is gone ----

    @Test
    void whenKafkaDoesNotAnswerTheActionIsA503SayingToStartItAgain() throws Exception {
        String nobody = "127.0.0.1:" + FreePorts.next();
        try (Lab offline = new Lab(nobody)) {
            HttpResponse<String> r = offline.send("POST", "/api/topics", "{\"name\": \"orders\", \"partitions\": 1}");

            assertEquals(503, r.statusCode());
            assertEquals(Map.of("error", "Kafka at " + nobody + " is not answering; start it again and retry."),
                    JSON.readValue(r.body(), Map.class));
        }
    }

    // ---- helpers ----

    private static void produce(String topic, int from, int count) {
        Kafka.produce(BOOTSTRAP, topic, IntStream.range(from, from + count)
                .mapToObj(i -> new ProducerRecord<>(topic, "k" + i, "v" + i)).toList());
    }

    private static long committed(String group) {
        return Kafka.committedOffsets(BOOTSTRAP, group).values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    }

    private static JsonNode listed(String id) throws IOException {
        HttpResponse<String> r = lab.send("GET", "/api/consumers", null);
        assertEquals(200, r.statusCode());
        for (JsonNode c : JSON.readTree(r.body()).get("consumers")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError(id + " is not listed: " + r.body());
    }

    private static String id(HttpResponse<String> created) {
        assertEquals(201, created.statusCode(), created.body());
        try {
            return JSON.readTree(created.body()).get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body is exactly {@code {"error": "..."}} (no stack trace, no other fields) and mentions every part. */
    private static void assertError(HttpResponse<String> r, String... parts) {
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 600, r.statusCode() + " " + r.body());
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
        assertEquals(List.of("error"), List.copyOf(iterable(body.fieldNames())), r.body());
        String error = body.get("error").asText();
        for (String part : parts) {
            assertTrue(error.contains(part), "expected \"" + part + "\" in: " + error);
        }
        assertFalse(error.contains("Exception") || error.contains("\tat "), "no Java internals: " + error);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    /** The lab's web side on a free port in front of {@code bootstrap}. */
    private static final class Lab implements AutoCloseable {
        private final TestLab web;

        Lab(String bootstrap) {
            web = TestLab.start(bootstrap);
        }

        HttpResponse<String> send(String method, String path, String body) {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body);
            HttpRequest request = HttpRequest.newBuilder(URI.create(web.url(path)))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                    .method(method, publisher).build();
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            web.close();
        }
    }
}
