package dev.streamlab.web;

import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.TestLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /api/simulate} on the lab's own web server: the same input and output as the simulate command. */
class SimulateApiTest {
    private TestLab lab;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        lab = TestLab.start("127.0.0.1:" + FreePorts.next()); // no Kafka: simulating needs none
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(lab.url("/api/simulate")))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aValidScenarioIsAnsweredWithTheCanonicalJson() throws Exception {
        HttpResponse<String> r = post("{\"window\":{\"type\":\"session\",\"gapMs\":5},\"maxOutOfOrdernessMs\":0,"
                + "\"allowedLatenessMs\":0,\"events\":[{\"key\":\"a\",\"ts\":1}]}");

        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(r.body().contains("{\"key\":\"a\",\"start\":1,\"end\":6,\"count\":1,\"sum\":0.0,\"trigger\":\"end\""), r.body());
    }

    @Test
    void aBadFieldIsA400NamingTheField() throws Exception {
        HttpResponse<String> r = post("{\"window\":{\"type\":\"session\",\"gapMs\":0},\"maxOutOfOrdernessMs\":0,"
                + "\"allowedLatenessMs\":0,\"events\":[]}");

        assertEquals(400, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("{\"error\":\"window.gapMs: 0 is not > 0 (session windows need an integer gapMs > 0)\"}", r.body());
    }

    @Test
    void aBodyThatIsNotJsonIsA400() throws Exception {
        HttpResponse<String> r = post("window: tumbling");

        assertEquals(400, r.statusCode());
        assertTrue(r.body().startsWith("{\"error\":"), r.body());
    }
}
