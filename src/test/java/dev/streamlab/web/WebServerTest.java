package dev.streamlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.TestLab;
import dev.streamlab.web.live.HubSettings;
import dev.streamlab.testing.Http;
import dev.streamlab.testing.TestBroker;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web server, built from its dependencies around the real test broker. */
class WebServerTest {
    private static final Instant STARTED = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock NOW = Clock.fixed(STARTED.plusSeconds(42), ZoneOffset.UTC);

    @Test
    void theHealthEndpointReportsAReachableBrokerWithItsClusterIdVersionAndUptime() throws Exception {
        try (Lab lab = new Lab(TestBroker.bootstrapServers())) {
            HttpResponse<String> response = Http.get(lab.url("/api/health"));

            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            JsonNode health = new ObjectMapper().readTree(response.body());
            assertEquals("embedded", health.get("mode").asText());
            assertEquals(TestBroker.bootstrapServers(), health.get("bootstrapServers").asText());
            assertTrue(health.get("brokerReachable").asBoolean());
            assertFalse(health.get("clusterId").asText().isBlank());
            assertEquals(1, health.get("brokers").asInt());
            assertTrue(health.get("kafkaVersion").asText().startsWith("4."));
            assertEquals(42.0, health.get("uptimeSeconds").asDouble());
            assertTrue(health.get("problem").isNull());
        }
    }

    @Test
    void theHealthEndpointSaysTheBrokerIsUnreachableWhenNothingListens() throws Exception {
        try (Lab lab = new Lab("127.0.0.1:" + FreePorts.next())) {
            JsonNode health = new ObjectMapper().readTree(Http.get(lab.url("/api/health")).body());

            assertFalse(health.get("brokerReachable").asBoolean());
            assertTrue(health.get("problem").asText().contains("no answer from Kafka"), health.toString());
        }
    }

    @Test
    void theHomePageShowsTheBrokerAsUpAndLinksEveryChapterAndChallenge() {
        try (Lab lab = new Lab(TestBroker.bootstrapServers())) {
            String html = Http.get(lab.url("/")).body();

            assertTrue(html.contains("id=\"broker-state\""), html);
            assertTrue(html.contains("data-state=\"up\""), html);
            for (String path : new String[] {"/batch-vs-stream", "/kafka", "/time", "/guarantees",
                    "/challenges/novice", "/challenges/intermediate", "/challenges/advanced"}) {
                assertTrue(html.contains("href=\"" + path + "\""), "home links " + path);
            }
        }
    }

    @Test
    void theFirstChaptersPageCarriesItsTitleAndTheBatchStreamDemo() {
        try (Lab lab = new Lab(TestBroker.bootstrapServers())) {
            HttpResponse<String> response = Http.get(lab.url("/batch-vs-stream"));

            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("id=\"batch-stream\""));
            assertTrue(response.body().contains("Batch and stream"));
        }
    }

    @Test
    void anUnknownApiPathIsAJson404AndAnUnknownPageAnHtml404() throws Exception {
        try (Lab lab = new Lab(TestBroker.bootstrapServers())) {
            HttpResponse<String> api = Http.get(lab.url("/api/nope"));
            HttpResponse<String> page = Http.get(lab.url("/nope"));

            assertEquals(404, api.statusCode());
            assertEquals("no such endpoint: GET /api/nope", new ObjectMapper().readTree(api.body()).get("error").asText());
            assertEquals(404, page.statusCode());
            assertTrue(page.body().contains("No such page"));
        }
    }

    @Test
    void theBrowserModulesAndStylesAreServedFromTheWebFolder() {
        try (Lab lab = new Lab(TestBroker.bootstrapServers())) {
            assertEquals(200, Http.get(lab.url("/web/js/home.js")).statusCode());
            assertEquals(200, Http.get(lab.url("/web/css/streamlab.css")).statusCode());
        }
    }

    /** The lab's web side on a free port in front of {@code bootstrap}, with the test's clock. */
    private static final class Lab implements AutoCloseable {
        private final TestLab web;

        Lab(String bootstrap) {
            web = TestLab.start(bootstrap, HubSettings.defaults(), NOW, STARTED);
        }

        String url(String path) {
            return web.url(path);
        }

        @Override
        public void close() {
            web.close();
        }
    }
}
