package dev.streamlab.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.testing.Http;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine budget over HTTP: simulate, playback and pipeline inputs over a limit are refused at once with 400 and
 * one line naming the limit, an oversized body is a 413, and 50 worst-case requests at once leave the lab answering.
 */
class BudgetApiTest {
    /** The issue's request: 160 bytes that once took 52 s and 1 GB each. */
    static final String HUGE_SLIDING_SIMULATION = "{\"window\":{\"type\":\"sliding\",\"sizeMs\":10000000,\"slideMs\":1},"
            + "\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[{\"key\":\"a\",\"ts\":1000}]}";
    static final String HUGE_SLIDING_PLAYBACK = "{\"scenario\":\"mobile-order-1159\",\"window\":{\"type\":\"sliding\","
            + "\"sizeMs\":1000000000000,\"slideMs\":1}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestLab lab;

    @BeforeAll
    static void start() {
        lab = TestLab.start(TestBroker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    private static HttpResponse<String> post(String path, String body) {
        return Http.send("POST", lab.url(path), body);
    }

    private static String error(HttpResponse<String> r) throws Exception {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.toString());
        return JSON.readTree(r.body()).get("error").asText();
    }

    @Test
    void theIssuesSimulationIsRefusedWith400NamingWindowsPerEventAndTheLimit() throws Exception {
        HttpResponse<String> r = post("/api/simulate", HUGE_SLIDING_SIMULATION);

        assertEquals(400, r.statusCode());
        assertEquals("window: sliding window 10000000 ms every 1 ms puts each event in 10,000,000 windows; the lab allows "
                + "at most 1,000 per event (Flink would accept it, but it is too big for a lab): make the slide at least "
                + "10,000 ms or the window shorter", error(r));
    }

    @Test
    void theIssuesPlaybackOverrideIsRefusedWith400AndStepHasNothingToRun() throws Exception {
        HttpResponse<String> load = post("/api/playback", HUGE_SLIDING_PLAYBACK);

        assertEquals(400, load.statusCode());
        assertTrue(error(load).startsWith("window: sliding window 1000000000000 ms every 1 ms puts each event in "
                + "1,000,000,000,000 windows; the lab allows at most 1,000 per event"), load.body());
        HttpResponse<String> step = post("/api/playback/step", "");
        assertEquals(409, step.statusCode(), step.body());
        assertEquals("no scenario is loaded: load one first", error(step));
    }

    @Test
    void aPlaybackOverrideWithAnAbsurdLatenessIsRefusedNamingTheLimit() throws Exception {
        HttpResponse<String> r = post("/api/playback", "{\"scenario\":\"mobile-order-1159\",\"window\":{\"type\":\"sliding\","
                + "\"sizeMs\":1000000,\"slideMs\":1000},\"allowedLatenessMs\":100000000000000}");

        assertEquals(400, r.statusCode());
        assertEquals("allowedLatenessMs: 100000000000000 ms is more than the lab allows (at most 31,622,400,000 ms, "
                + "366 days; Flink would accept it, but it is too big for a lab)", error(r));
    }

    @Test
    void aPipelineOverrideOverTheBudgetIsRefusedBeforeKafkaIsAsked() throws Exception {
        String topic = Names.unique("budget-pipeline"); // never created: the refusal comes first
        HttpResponse<String> r = post("/api/pipelines", "{\"topic\":\"" + topic + "\",\"window\":{\"type\":\"sliding\","
                + "\"sizeMs\":1000000000000,\"slideMs\":1}}");

        assertEquals(400, r.statusCode());
        assertTrue(error(r).startsWith("window: sliding window 1000000000000 ms every 1 ms puts each event in"), r.body());
        HttpResponse<String> gap = post("/api/pipelines", "{\"topic\":\"" + topic + "\",\"window\":{\"type\":\"session\","
                + "\"gapMs\":99999999999999}}");
        assertEquals(400, gap.statusCode());
        assertTrue(error(gap).startsWith("window.gapMs: 99999999999999 ms is more than the lab allows"), gap.body());
    }

    @Test
    void aBodyLargerThanTheLabReadsIsA413WithOneJsonLine() throws Exception {
        HttpResponse<String> r = post("/api/simulate", "{\"window\":" + " ".repeat(2_000_000) + "}");

        assertEquals(413, r.statusCode());
        assertEquals("the request body is larger than the lab reads (at most 1048576 bytes); send less, e.g. fewer events",
                error(r));
    }

    @Test
    void theIssuesThreeConcurrentSimulationsAreAllRefusedWith400() throws Exception {
        // refusing needs no run permit, only one of the few read permits: three at once are all answered 400
        List<CompletableFuture<HttpResponse<String>>> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(CompletableFuture.supplyAsync(() -> post("/api/simulate", HUGE_SLIDING_SIMULATION)));
        }
        for (CompletableFuture<HttpResponse<String>> r : three) {
            assertEquals(400, r.join().statusCode(), r.join().body());
            assertTrue(error(r.join()).contains("10,000,000 windows"), r.join().body());
        }
    }

    @Test
    void fiftyWorstCaseRequestsAtOnceAreAllRefusedOrBusyAndHealthStillAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> post("/api/simulate", HUGE_SLIDING_SIMULATION).statusCode(),
                        pool));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (CompletableFuture<Integer> a : answers) {
                statuses.merge(a.join(), 1, Integer::sum);
            }
            assertTrue(Set.of(400, 503).containsAll(statuses.keySet()), "statuses: " + statuses);
            assertEquals(50, statuses.values().stream().mapToInt(Integer::intValue).sum());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, Http.get(lab.url("/api/health")).statusCode());
    }
}
