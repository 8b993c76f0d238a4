package dev.streamlab.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.testing.Http;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route that takes a topic or group name refuses one Kafka would refuse with a 400 that names the limit and the
 * name's length (never the whole name), and every action on one of Kafka's internal topics with a 403.
 */
class NameGuardsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The issue's own case: far past Kafka's 249, still short enough for a body. */
    private static final String HUGE = "t".repeat(40_000);
    /** Past Kafka's 249 and short enough for a URL path. */
    private static final String LONG = "t".repeat(300);

    private static TestLab lab;

    @BeforeAll
    static void start() {
        lab = TestLab.start(TestBroker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void producingToAnInternalTopicIsA403LikeDeletingOne() {
        HttpResponse<String> r = send("POST", "/api/topics/__consumer_offsets/records", "{\"value\": \"x\"}");

        assertRefused(r, 403, "\"__consumer_offsets\" is one of Kafka's internal topics",
                "it stores every consumer group's committed offsets", "Writing to it would corrupt");
    }

    @Test
    void everyOtherActionOnAnInternalTopicIsA403Too() {
        String group = Names.unique("g");
        assertRefused(send("POST", "/api/topics", "{\"name\": \"__mine\", \"partitions\": 1}"), 403,
                "\"__mine\" is one of Kafka's internal topics", "names starting with \"__\"");
        assertRefused(send("POST", "/api/groups/" + group + "/consumers", "{\"topic\": \"__consumer_offsets\"}"), 403,
                "one of Kafka's internal topics");
        assertRefused(send("POST", "/api/groups/" + group + "/reset", "{\"topic\": \"__consumer_offsets\", \"to\": \"earliest\"}"),
                403, "one of Kafka's internal topics");
        assertRefused(send("POST", "/api/pipelines", "{\"topic\": \"__transaction_state\"}"), 403,
                "it stores the state of every producer transaction");
        assertRefused(send("POST", "/api/challenges/intermediate/actions/inject-late", "{\"topic\": \"__consumer_offsets\"}"),
                403, "one of Kafka's internal topics");
    }

    @Test
    void aTopicNameLongerThanKafkasLimitIsA400NamingTheLimitAndItsLength() {
        String group = Names.unique("g");
        String[][] routes = {
                {"POST", "/api/topics", "{\"name\": \"" + HUGE + "\", \"partitions\": 1}"},
                {"POST", "/api/topics/" + LONG + "/records", "{\"value\": \"x\"}"},
                {"DELETE", "/api/topics/" + LONG, null},
                {"POST", "/api/groups/" + group + "/consumers", "{\"topic\": \"" + HUGE + "\"}"},
                {"POST", "/api/groups/" + group + "/reset", "{\"topic\": \"" + HUGE + "\", \"to\": \"earliest\"}"},
                {"POST", "/api/pipelines", "{\"topic\": \"" + HUGE + "\"}"},
                {"DELETE", "/api/pipelines/" + LONG, null},
                {"POST", "/api/challenges/novice/check", "{\"topic\": \"" + HUGE + "\"}"},
                {"POST", "/api/challenges/intermediate/check", "{\"output\": \"" + HUGE + "\"}"},
                {"POST", "/api/challenges/intermediate/actions/inject-late", "{\"topic\": \"" + HUGE + "\"}"},
                {"POST", "/api/batch-stream/batch", "{\"topic\": \"" + HUGE + "\"}"},
        };
        for (String[] route : routes) {
            String length = route[2] != null && route[2].contains(HUGE) ? "40000" : "300";
            assertRefused(send(route[0], route[1], route[2]), 400,
                    "the topic name is " + length + " characters long; Kafka allows at most 249");
        }
    }

    @Test
    void aGroupIdLongerThanTheLimitIsA400NamingTheLimitAndItsLength() {
        String topic = Names.unique("orders");
        Kafka.createTopic(TestBroker.bootstrapServers(), topic, 1);
        assertRefused(send("POST", "/api/groups/" + LONG + "/consumers", "{\"topic\": \"" + topic + "\"}"), 400,
                "the group id is 300 characters long; the lab allows at most 249");
        assertRefused(send("POST", "/api/groups/" + LONG + "/reset", "{\"topic\": \"" + topic + "\", \"to\": \"earliest\"}"),
                400, "the group id is 300 characters long");
        assertRefused(send("POST", "/api/challenges/novice/check", "{\"group\": \"" + HUGE + "\"}"), 400,
                "the group id is 40000 characters long");
    }

    @Test
    void aGroupIdWithASpaceIsLegalInKafkaSoTheCheckLooksForIt() throws Exception {
        HttpResponse<String> r = send("POST", "/api/challenges/novice/check",
                "{\"topic\": \"" + Names.unique("orders") + "\", \"group\": \"my billing group\"}");

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("my billing group", JSON.readTree(r.body()).get("submission").get("group").asText());
    }

    @Test
    void aPipelineInputLongEnoughToPushItsOutputPastTheLimitIsA400() {
        assertRefused(send("POST", "/api/pipelines", "{\"topic\": \"" + "p".repeat(245) + "\"}"), 400,
                "-windows\", and Kafka allows at most 249 characters", "at most 241; this one has 245");
    }

    private static HttpResponse<String> send(String method, String path, String body) {
        return Http.send(method, lab.url(path), body);
    }

    /** The status, each part of the error text, and an answer that does not repeat a huge name back. */
    private static void assertRefused(HttpResponse<String> r, int status, String... parts) {
        assertEquals(status, r.statusCode(), r.body().length() > 2000 ? r.body().substring(0, 2000) : r.body());
        assertTrue(r.body().length() < 2000, "the answer is short: " + r.body().length() + " characters");
        try {
            String error = JSON.readTree(r.body()).get("error").asText();
            for (String part : parts) {
                assertTrue(error.contains(part), "expected \"" + part + "\" in: " + error);
            }
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }
}
