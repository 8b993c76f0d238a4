package dev.streamlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.TestLab;
import dev.streamlab.web.live.HubSettings;
import dev.streamlab.testing.Http;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.App;
import dev.streamlab.RunningLab;
import dev.streamlab.config.LabSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
    void eachLiveLabLinksToItsPresenterViewWhichIsTheLabAloneWithoutTheSiteAroundIt() {
        try (Lab lab = new Lab(TestBroker.bootstrapServers())) {
            for (String chapter : new String[] {"/time", "/kafka", "/guarantees"}) {
                assertTrue(Http.get(lab.url(chapter)).body().contains("href=\"/present" + chapter + "\""), chapter + " links it");
                HttpResponse<String> present = Http.get(lab.url("/present" + chapter));
                assertEquals(200, present.statusCode(), chapter);
                assertTrue(present.body().contains("class=\"present present-"), chapter);
                assertFalse(present.body().contains("site-header"), chapter + "'s presenter view has no site header");
            }
            assertTrue(Http.get(lab.url("/time?scenario=late-within-lateness")).body()
                    .contains("href=\"/present/time?scenario=late-within-lateness\""), "the link keeps the scenario");
            assertEquals(404, Http.get(lab.url("/present/batch-vs-stream")).statusCode(), "no live lab to present there");
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

    @Test
    void everyPageLinksTheLabsIconAndFaviconIcoAnswersWithThatSameImageInsteadOfA404() {
        try (Lab lab = new Lab(TestBroker.bootstrapServers())) {
            assertTrue(Http.get(lab.url("/")).body().contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/web/img/favicon.svg\">"),
                    "the shared frame links the icon");
            HttpResponse<String> linked = Http.get(lab.url("/web/img/favicon.svg"));
            HttpResponse<String> favicon = Http.get(lab.url("/favicon.ico"));

            assertEquals(200, linked.statusCode());
            assertEquals(200, favicon.statusCode());
            assertEquals("image/svg+xml", favicon.headers().firstValue("Content-Type").orElse(""));
            assertTrue(favicon.body().startsWith("<svg"), favicon.body());
            assertEquals(linked.body(), favicon.body(), "one icon, wherever the browser asks for it");
        }
    }

    @Test
    void aRequestSentToAnotherHostNameIsRefusedWithTheReasonEvenWithoutOrigin() {
        try (Lab lab = new Lab(TestBroker.bootstrapServers())) {
            String api = Raw.get(lab.port(), "/api/progress", "evil.example:" + lab.port());
            assertTrue(api.startsWith("HTTP/1.1 403"), api);
            assertTrue(api.contains("{\"error\":\"this request was sent to \\\"evil.example:" + lab.port()
                    + "\\\", which is not one of the lab's addresses"), api);

            String page = Raw.get(lab.port(), "/", "evil.example:" + lab.port());
            assertTrue(page.startsWith("HTTP/1.1 403"), page);
            assertTrue(page.contains("Content-Type: text/plain"), page);
            assertTrue(page.contains("Streamlab refused this request: this request was sent to \"evil.example:"), page);

            assertTrue(Raw.get(lab.port(), "/web/js/home.js", "evil.example").startsWith("HTTP/1.1 403"), "static files too");
            String upgrade = Raw.upgrade(lab.port(), "evil.example:" + lab.port());
            assertTrue(upgrade.startsWith("HTTP/1.1 403"), upgrade);
        }
    }

    @Test
    void requestsSentToLoopbackNamesAndIpAddressesAreAnswered() {
        try (Lab lab = new Lab(TestBroker.bootstrapServers())) {
            for (String host : new String[] {"127.0.0.1:" + lab.port(), "localhost:" + lab.port(), "[::1]:" + lab.port()}) {
                assertTrue(Raw.get(lab.port(), "/api/progress", host).startsWith("HTTP/1.1 200"), host);
                assertTrue(Raw.get(lab.port(), "/", host).startsWith("HTTP/1.1 200"), host);
                assertTrue(Raw.upgrade(lab.port(), host).startsWith("HTTP/1.1 101"), host);
            }
        }
    }

    @Test
    void theMachinesOwnNameAndTheAllowedHostsNamesAreAnswered(@TempDir Path dir) throws Exception {
        LabSettings settings = new LabSettings("127.0.0.1", FreePorts.next(), FreePorts.next(), dir.resolve("data"), false,
                Optional.of(TestBroker.bootstrapServers()), Optional.empty(), false, Duration.ofSeconds(10),
                List.of("lab.school.example", "Teacher-Laptop"));
        try (RunningLab lab = App.start(settings, Clock.systemUTC())) {
            int port = URI.create(lab.webUrl()).getPort();
            String machine = InetAddress.getLocalHost().getHostName();
            for (String host : new String[] {"lab.school.example:" + port, "teacher-laptop", machine + ":" + port}) {
                assertTrue(Raw.get(port, "/api/progress", host).startsWith("HTTP/1.1 200"), host);
                assertTrue(Raw.upgrade(port, host).startsWith("HTTP/1.1 101"), host);
            }
            assertTrue(Raw.get(port, "/api/progress", "other.school.example").startsWith("HTTP/1.1 403"));
        }
    }

    /** Requests with a Host header of the test's choosing, which java.net.http does not let a caller set. */
    private static final class Raw {
        static String get(int port, String path, String host) {
            return exchange(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n", false);
        }

        /** A WebSocket upgrade; only the status line and headers are read back. */
        static String upgrade(int port, String host) {
            return exchange(port, "GET /ws HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", true);
        }

        private static String exchange(int port, String request, boolean headersOnly) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(15_000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                InputStream in = socket.getInputStream();
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                    String text = answer.toString(StandardCharsets.UTF_8);
                    if (headersOnly && text.contains("\r\n\r\n")) {
                        break; // an upgrade's connection stays open: its status and headers are all there is to read
                    }
                }
                return answer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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

        int port() {
            return web.port();
        }

        @Override
        public void close() {
            web.close();
        }
    }
}
