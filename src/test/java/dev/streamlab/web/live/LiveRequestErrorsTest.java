package dev.streamlab.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import dev.streamlab.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever a page sends on /ws that the lab does not understand is answered with an error part, in the frame format
 * a refused subscription always had ({@code {"type":"error","ref":...,"error":...}}), and the connection stays open:
 * a valid subscription afterwards still works. Only a message too large to read closes it, with 1009 and a reason.
 */
class LiveRequestErrorsTest {
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

    @ParameterizedTest
    @ValueSource(strings = {
            "null", "42", "[1,2]", "\"subscribe\"", "true", "not json at all", "{", "{}",
            "{\"op\":\"subscribe\",\"subject\":{\"a\":1}}",
            "{\"op\":[\"subscribe\"],\"subject\":\"status\"}",
            "{\"op\":\"subscribe\",\"subject\":\"topic\",\"topic\":[1]}",
            "{\"op\":\"dance\",\"subject\":\"status\"}",
            "{\"op\":\"subscribe\",\"subject\":\"weather\"}",
            "{\"op\":\"subscribe\",\"subject\":\"topic\"}",
            "{\"op\":\"unsubscribe\",\"subject\":\"never-subscribed\"}",
            "{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"orders\",\"from\":\"offset:-1\"}",
            "{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"orders\",\"from\":\"offset:99999999999999999999\"}",
            "{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"orders\",\"from\":\"end:-3\"}",
            "{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"orders\",\"from\":\"time:-999999999-01-01T00:00:00Z\"}",
            "{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"orders\",\"isolation\":\"read_everything\"}",
            "{\"op\":\"subscribe\",\"subject\":\"topic\",\"topic\":\"my orders!\"}",
            "{\"op\":\"subscribe\",\"subject\":\"steps\",\"run\":\"no-such-run\"}",
    })
    void aMessageTheLabDoesNotUnderstandGetsAnErrorPartAndTheConnectionStaysOpen(String message) {
        try (WsClient page = WsClient.connect(lab.wsUrl())) {
            page.send(message);

            JsonNode error = awaitError(page, 1);
            assertFalse(error.get("error").asText().isBlank(), error.toString());
            assertStillServes(page);
        }
    }

    @Test
    void aRecordsSubscriptionFromATimeFarInTheFutureIsAnErrorWithItsRef() {
        try (WsClient page = WsClient.connect(lab.wsUrl())) {
            page.send("{\"op\":\"subscribe\",\"ref\":\"far\",\"subject\":\"records\",\"topic\":\"orders\","
                    + "\"from\":\"time:+999999999-12-31T23:59:59Z\"}");

            JsonNode error = awaitError(page, 1);
            assertEquals("far", error.get("ref").asText());
            assertEquals("the time must not be after 9999-12-31T23:59:59.999Z, got +999999999-12-31T23:59:59Z",
                    error.get("error").asText());
            assertStillServes(page);
        }
    }

    @Test
    void aTopicOrGroupLongerThanKafkasLimitIsAnErrorNamingTheLimitAndItsLength() {
        String huge = "t".repeat(40_000);
        try (WsClient page = WsClient.connect(lab.wsUrl())) {
            page.send("{\"op\":\"subscribe\",\"ref\":\"r\",\"subject\":\"records\",\"topic\":\"" + huge + "\"}");
            page.send("{\"op\":\"subscribe\",\"subject\":\"topic\",\"topic\":\"" + huge + "\"}");
            page.send("{\"op\":\"subscribe\",\"subject\":\"running\",\"topic\":\"" + huge + "\"}");
            page.send("{\"op\":\"subscribe\",\"subject\":\"group\",\"group\":\"" + huge + "\"}");

            awaitError(page, 4);
            List<JsonNode> errors = page.parts("error", null);
            for (int i = 0; i < 3; i++) {
                assertTrue(errors.get(i).get("error").asText().startsWith(
                        "the topic name is 40000 characters long; Kafka allows at most 249"), errors.get(i).toString());
            }
            assertTrue(errors.get(3).get("error").asText().startsWith(
                    "the group id is 40000 characters long; the lab allows at most 249"), errors.get(3).toString());
            assertTrue(errors.stream().allMatch(e -> e.toString().length() < 1000), "no error repeats the name");
            assertStillServes(page);
        }
    }

    @Test
    void aHugeRefIsRefusedAndNotEchoed() {
        try (WsClient page = WsClient.connect(lab.wsUrl())) {
            page.send("{\"op\":\"subscribe\",\"ref\":\"" + "r".repeat(5000) + "\",\"subject\":\"status\"}");

            JsonNode error = awaitError(page, 1);
            assertEquals("\"ref\" is 5000 characters long; at most 100 are read", error.get("error").asText());
            assertTrue(error.get("ref").isNull());
            assertStillServes(page);
        }
    }

    @Test
    void aValidRecordsSubscriptionStillWorksAfterEveryKindOfBadOne() {
        String topic = Names.unique("after-errors");
        Kafka.createTopic(TestBroker.bootstrapServers(), topic, 1);
        try (WsClient page = WsClient.connect(lab.wsUrl())) {
            page.send("null");
            page.send("{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"" + topic
                    + "\",\"from\":\"time:+999999999-12-31T23:59:59Z\"}");
            page.send("{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"" + "x".repeat(40_000) + "\"}");
            awaitError(page, 3);

            page.send("{\"op\":\"subscribe\",\"ref\":\"ok\",\"subject\":\"records\",\"topic\":\"" + topic
                    + "\",\"from\":\"offset:0\"}");
            await().atMost(PATIENCE).until(() -> page.parts("subscribed", null).stream()
                    .anyMatch(p -> p.path("ref").asText().equals("ok")));
            assertFalse(page.isClosed());
        }
    }

    @Test
    void aMessageTooLargeToReadClosesTheConnectionWith1009NotWithAServerError() {
        try (WsClient page = WsClient.connect(lab.wsUrl())) {
            page.send("{\"op\":\"subscribe\",\"subject\":\"topic\",\"topic\":\"" + "x".repeat(LiveEndpoint.MAX_MESSAGE_BYTES) + "\"}");

            await().atMost(PATIENCE).until(page::isClosed);
            assertEquals(1009, page.closeCode());
        }
        try (WsClient next = WsClient.connect(lab.wsUrl())) {
            assertStillServes(next);
        }
    }

    private static JsonNode awaitError(WsClient page, int count) {
        return await().atMost(PATIENCE).until(() -> page.parts("error", null), errors -> errors.size() >= count)
                .get(count - 1);
    }

    /** The page is still connected, and a good subscription is answered as always. */
    private static void assertStillServes(WsClient page) {
        String ref = Names.unique("ok");
        page.send("{\"op\":\"subscribe\",\"ref\":\"" + ref + "\",\"subject\":\"status\"}");
        await().atMost(PATIENCE).until(() -> page.parts("subscribed", null).stream()
                .anyMatch(p -> p.path("ref").asText().equals(ref)));
        assertFalse(page.isClosed(), "closed with " + page.closeCode());
    }
}
