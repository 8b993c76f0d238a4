package dev.streamlab.web.fuzz;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamlab.lab.QuestLoader;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import dev.streamlab.testing.WsClient;
import dev.streamlab.web.WebServer.Route;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and mutated requests to every route the lab's router has (read from the router, so a new route is fuzzed
 * without anyone listing it) and every op and subject of the live channel. The lab may refuse anything it likes
 * with a 4xx; it fails the test by answering 5xx, closing a WebSocket with 1011 (server error), not answering a
 * request or a live frame within a bound, or letting {@code /api/health} stop answering 200.
 * <p>
 * Seeded: {@code -Dstreamlab.fuzz.seed=N} replays a run (the seed is printed first, and named in any failure).
 * Bounded: {@code -Dstreamlab.fuzz.requests} REST requests (2,000) and {@code -Dstreamlab.fuzz.frames} live frames
 * (300), stopping early at {@code -Dstreamlab.fuzz.seconds} (40; with the broker and lab starting and stopping, about a
 * minute); every route gets its turns before the bound.
 */
class RouterFuzzTest {
    private static final long DEFAULT_SEED = 1_2026_1203L;
    private static final int REQUESTS = Integer.getInteger("streamlab.fuzz.requests", 2_000);
    private static final int FRAMES = Integer.getInteger("streamlab.fuzz.frames", 300);
    private static final Duration TIME_BOUND = Duration.ofSeconds(Long.getLong("streamlab.fuzz.seconds", 40));
    /** Longer than any honest wait in the lab (recreating a topic waits up to 15 s): past it, the lab is stuck. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** The largest body the lab reads; a bigger one is refused before it is read. */
    private static final long MAX_BODY = dev.streamlab.engine.EngineBudget.DEFAULT.maxInputBytes();
    private static final int HEALTH_EVERY = 50;
    private static final int FRAMES_PER_SYNC = 4;
    private static final int FRAMES_PER_CONNECTION = 60;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}|<([^>]+)>");
    /** Path segments the issue names: Kafka's 249-character limit passed, unicode, dot-dot, internal topics, empty. */
    private static final List<String> EDGE_SEGMENTS = List.of(FuzzInputs.encode("t".repeat(250)),
            FuzzInputs.encode("ünïcødé-名前-☃"), "..", "%2e%2e", "__consumer_offsets", "", "a%2Fb");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD");

    @Test
    void noRequestOnAnyRouteAndNoLiveFrameGetsA5xxOrA1011CloseOrSilencesHealth() {
        long seed = Long.getLong("streamlab.fuzz.seed", DEFAULT_SEED);
        System.out.println("fuzz seed " + seed + " (replay with -Dstreamlab.fuzz.seed=" + seed + ")");
        long started = System.nanoTime();
        try (TestLab lab = TestLab.start(TestBroker.bootstrapServers())) {
            new Run(lab, seed).go();
        } finally {
            System.out.println("fuzz seed " + seed + ": broker, lab and fuzz took "
                    + (System.nanoTime() - started) / 1_000_000_000 + " s");
        }
    }

    /** One fuzz run against one lab. */
    private static final class Run {
        private final TestLab lab;
        private final long seed;
        private final FuzzInputs in;
        private final RouteInputs names;
        private final LiveFrames live;
        private final FuzzTally tally = new FuzzTally();
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final List<Route> httpRoutes;
        private final List<Route> wsRoutes;
        private final Map<String, Integer> successes = new HashMap<>();
        private final List<String> unsynced = new ArrayList<>();
        private final long deadline;
        private WsClient ws;
        private Route wsRoute;
        private int framesOnConnection;
        private int syncs;
        private String cookie;

        Run(TestLab lab, long seed) {
            this.lab = lab;
            this.seed = seed;
            this.in = new FuzzInputs(new Random(seed));
            this.names = new RouteInputs(in, QuestLoader.load(), scenarios(lab));
            this.live = new LiveFrames(in, names);
            List<Route> routes = lab.web().server().routes();
            this.httpRoutes = routes.stream().filter(r -> !r.method().equals(Route.WEBSOCKET)).toList();
            this.wsRoutes = routes.stream().filter(r -> r.method().equals(Route.WEBSOCKET)).toList();
            this.deadline = System.nanoTime() + TIME_BOUND.toNanos();
        }

        /** The scenario ids, as the lab lists them. */
        private static List<String> scenarios(TestLab lab) {
            HttpResponse<String> r = dev.streamlab.testing.Http.get(lab.url("/api/scenarios"));
            assertEquals(200, r.statusCode(), r.body());
            List<String> ids = new ArrayList<>();
            FuzzInputs.parse(r.body()).path("scenarios").forEach(s -> ids.add(s.path("id").asText()));
            assertTrue(!ids.isEmpty(), "the lab lists no scenarios: " + r.body());
            return ids;
        }

        void go() {
            assertTrue(httpRoutes.stream().anyMatch(r -> r.path().equals("/api/health")),
                    "the router lists no /api/health, so it cannot be what the lab serves: " + httpRoutes);
            assertTrue(!wsRoutes.isEmpty(), "the router lists no WebSocket route: " + wsRoutes);
            assertTrue(httpRoutes.stream().noneMatch(r -> r.method().equals("BEFORE") || r.method().equals("AFTER")),
                    "filters are not routes: " + httpRoutes);
            System.out.println("fuzzing " + httpRoutes.size() + " HTTP routes and " + wsRoutes.size()
                    + " WebSocket route(s) on " + lab.url("/"));
            for (Route route : httpRoutes) { // every route, first with a valid request, then a mutated one
                request(route, true);
            }
            for (Route route : httpRoutes) {
                request(route, false);
            }
            for (Route route : wsRoutes) {
                connect(route);
                for (String frame : live.everyOpAndSubjectAndHostileFrame()) {
                    frame(frame);
                }
                sync();
            }
            for (Route route : httpRoutes) {
                if (System.nanoTime() < deadline) {
                    edges(route);
                }
            }
            while ((tally.requests() < REQUESTS || tally.frames() < FRAMES) && System.nanoTime() < deadline) {
                int left = REQUESTS - tally.requests();
                int framesLeft = FRAMES - tally.frames();
                if (framesLeft > 0 && (left <= 0 || in.below(left + framesLeft) < framesLeft)) {
                    if (framesOnConnection >= FRAMES_PER_CONNECTION || in.chance(0.01)) {
                        connect(in.pick(wsRoutes));
                    }
                    frame(live.next());
                } else {
                    request(in.pick(httpRoutes), in.chance(0.3));
                }
            }
            sync();
            health("the end");
            if (ws != null) {
                ws.close();
            }
            report();
        }

        private void report() {
            boolean bounded = tally.requests() < REQUESTS || tally.frames() < FRAMES;
            System.out.println("fuzz seed " + seed + ": " + tally.requests() + " REST requests, " + tally.frames()
                    + " live frames" + (bounded ? " (stopped at the time bound of " + TIME_BOUND.toSeconds() + " s)" : ""));
            System.out.println("time spent, most first: " + tally.slowest(12));
            System.out.println("outcomes per route (status code, close code, timeout):\n" + tally.table());
            if (!tally.allAnswered()) {
                System.out.println("not answered (first request of each):\n" + tally.unanswered());
            }
            if (!tally.failures().isEmpty()) {
                System.out.println("distinct failures:\n" + tally.distinctFailures());
            }
            List<Route> missed = java.util.stream.Stream.concat(httpRoutes.stream(), wsRoutes.stream())
                    .filter(r -> !tally.reached(key(r))).toList();
            assertTrue(missed.isEmpty(), "routes never fuzzed: " + missed);
            assertTrue(tally.failures().isEmpty(), "fuzz seed " + seed + " (replay with -Dstreamlab.fuzz.seed=" + seed
                    + "): " + tally.failures().size() + " failures, distinct:\n" + tally.distinctFailures());
        }

        private static String key(Route route) {
            return route.method() + " " + route.path();
        }

        private void request(Route route, boolean valid) {
            String method = !valid && in.chance(0.03) ? in.pick(METHODS) : route.method();
            String path = fill(route.path(), valid, null, null);
            if (!valid && in.chance(0.1)) {
                path += "?" + in.pick(List.of("topic", "scenario", "learner", "")) + "=" + FuzzInputs.encode(in.oddString());
            }
            send(route, method, path, body(key(route), valid), valid);
        }

        /**
         * The cases the issue names, each tried once on every route: every path parameter in turn set to each
         * {@link #EDGE_SEGMENTS edge value} (the rest valid), and every leaf of the route's valid body in turn set
         * to a 40,000-character string (a text) or to a huge, a large and the smallest positive number (a number:
         * window sizes far above their slide are what once exhausted the heap).
         */
        private void edges(Route route) {
            String key = key(route);
            Matcher m = PARAM.matcher(route.path());
            while (m.find()) {
                String param = m.group(1) != null ? m.group(1) : m.group(2);
                for (String edge : EDGE_SEGMENTS) {
                    send(route, route.method(), fill(route.path(), true, param, edge), body(key, true), true);
                }
            }
            String example = names.validBody(key);
            if (example == null || !example.startsWith("{")) {
                return;
            }
            for (JsonPointer leaf : leaves(FuzzInputs.parse(example), JsonPointer.empty())) {
                JsonNode valid = FuzzInputs.parse(example).at(leaf);
                List<JsonNode> edges = valid.isNumber() ? List.of(NODES.numberNode(Long.MAX_VALUE),
                        NODES.numberNode(10_000_000), NODES.numberNode(1)) : List.of(NODES.textNode("x".repeat(40_000)));
                for (JsonNode edge : edges) {
                    Integer cap = RouteInputs.COSTLY.get(key);
                    String body = cap != null && successes.getOrDefault(key, 0) >= cap ? names.refusedBody(key)
                            : with(FuzzInputs.parse(example), leaf, edge).toString();
                    send(route, route.method(), fill(route.path(), true, null, null), body, true);
                }
            }
        }

        /** Every leaf of a JSON tree (of an array, its first element's), as a pointer. */
        private static List<JsonPointer> leaves(JsonNode node, JsonPointer at) {
            List<JsonPointer> leaves = new ArrayList<>();
            if (node.isObject()) {
                node.fieldNames().forEachRemaining(f -> leaves.addAll(leaves(node.get(f), at.appendProperty(f))));
            } else if (node.isArray()) {
                if (!node.isEmpty()) {
                    leaves.addAll(leaves(node.get(0), at.appendIndex(0)));
                }
            } else {
                leaves.add(at);
            }
            return leaves;
        }

        private static JsonNode with(JsonNode tree, JsonPointer leaf, JsonNode value) {
            JsonNode parent = tree.at(leaf.head());
            if (parent instanceof ObjectNode object) {
                object.set(leaf.last().getMatchingProperty(), value);
            } else if (parent instanceof ArrayNode array) {
                array.set(leaf.last().getMatchingIndex(), value);
            }
            return tree;
        }

        private void send(Route route, String method, String path, String body, boolean valid) {
            String key = key(route);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(lab.url(path))).timeout(PATIENCE)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null && (valid || in.chance(0.85))) {
                request.header("Content-Type", "application/json");
            } else if (body != null && in.chance(0.5)) {
                request.header("Content-Type", in.pick(List.of("text/plain", "application/x-www-form-urlencoded",
                        "application/json; charset=utf-16", "multipart/form-data; boundary=x")));
            }
            int origin = in.below(10);
            if (origin < 3) {
                request.header("Origin", "http://127.0.0.1:" + lab.port());
            } else if (origin == 3 && !valid) {
                request.header("Origin", in.pick(List.of("http://evil.example", "null", "http://127.0.0.1:1",
                        "http://localhost:" + lab.port())));
            }
            if (cookie != null && in.chance(0.5)) {
                request.header("Cookie", cookie);
            } else if (!valid && in.chance(0.1)) {
                request.header("Cookie", "streamlab-learner=" + FuzzInputs.encode(in.oddString()));
            }
            String sent = method + " " + path + (body == null ? "" : " " + body);
            // One line per request before it goes: if the lab takes the test JVM down, the last line names the culprit.
            System.out.println("#" + (tally.requests() + 1) + " " + FuzzTally.cut(sent, 200));
            String outcome;
            long started = System.nanoTime();
            try {
                HttpResponse<String> answer = answered(request.build());
                outcome = Integer.toString(answer.statusCode());
                if (answer.statusCode() >= 500) {
                    tally.fail(key, sent, outcome, answer.body());
                } else if (answer.statusCode() < 300) {
                    succeeded(key, answer);
                }
            } catch (HttpTimeoutException e) {
                outcome = "timeout";
                tally.fail(key, sent, "no answer within " + PATIENCE.toSeconds() + " s", "");
            } catch (IOException e) {
                outcome = "io:" + e.getClass().getSimpleName(); // the lab cut the connection: the first is printed
                if (body != null && body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BODY) {
                    // The lab refuses a body over its limit with a 413 from the Content-Length (or answers a route
                    // that reads no body) without reading it, and closes the connection. A client still uploading
                    // the rest may get the reset before it reads that answer: by chance of timing, HttpClient
                    // reports an IOException. Expect: 100-continue would get the 413 first (curl asks so for big
                    // uploads), but JDK 17's HttpClient then hangs past its timeout when the answer is not a 100.
                    outcome = "io:answered before the body (over " + MAX_BODY + " bytes)";
                } else {
                    outcome = replayed(key, sent, request.build());
                }
                tally.unanswered(key, outcome, sent, e + (e.getCause() == null ? "" : " ← " + e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            tally.request(key, outcome);
            tally.took(key, (System.nanoTime() - started) / 1_000_000);
            if (tally.requests() % HEALTH_EVERY == 0) {
                health("request " + tally.requests() + " (" + FuzzTally.cut(sent, 200) + ")");
            }
        }

        /**
         * A request under the body limit that got no answer is sent once more on a connection of its own. HttpClient
         * may have sent it on a pooled keep-alive connection the lab had just closed (the JDK does not retry a POST
         * there); a lab that answers the replay was not silenced by the request, one that does not answer it was.
         */
        private String replayed(String key, String sent, HttpRequest request) {
            // A client of its own has a pool of its own, so the replay goes on a new connection.
            HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            try {
                int status = fresh.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                if (status >= 500) {
                    tally.fail(key, sent, "replayed after no answer: " + status, "");
                }
                return "io:no answer on a reused connection, replay answered " + status;
            } catch (IOException again) {
                tally.fail(key, sent, "no answer, twice (the second on a fresh connection)", again.toString());
                return "io:no answer twice";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /**
         * The answer, or HttpTimeoutException after PATIENCE and a little more: JDK 17's own request timeout does
         * not always fire while a large body is still being sent, so the deadline is kept here as well.
         */
        private HttpResponse<String> answered(HttpRequest request) throws IOException, InterruptedException {
            var pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            try {
                return pending.get(PATIENCE.toSeconds() + 5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                pending.cancel(true);
                throw new HttpTimeoutException("no answer within " + PATIENCE.toSeconds() + " s");
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        private void succeeded(String route, HttpResponse<String> answer) {
            successes.merge(route, 1, Integer::sum);
            answer.headers().firstValue("Set-Cookie").ifPresent(c -> cookie = c.split(";")[0]);
            if (answer.body().startsWith("{")) {
                try {
                    names.harvest(route, FuzzInputs.parse(answer.body()));
                } catch (RuntimeException notJson) {
                    // a page or an odd answer: nothing to learn from it
                }
            }
        }

        /**
         * The route's path with each parameter filled: valid, or valid-looking, mutated or hostile; {@code only}
         * (when not null) is set to {@code edge}, already encoded.
         */
        private String fill(String pattern, boolean valid, String only, String edge) {
            Matcher m = PARAM.matcher(pattern);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                String value = names.validParam(name);
                String segment = name.equals(only) ? edge : valid ? FuzzInputs.encode(value) : in.segment(value);
                m.appendReplacement(out, Matcher.quoteReplacement(segment));
            }
            m.appendTail(out);
            return out.toString();
        }

        private String body(String route, boolean valid) {
            Integer cap = RouteInputs.COSTLY.get(route);
            if (cap != null && successes.getOrDefault(route, 0) >= cap) {
                return names.refusedBody(route);
            }
            String example = names.validBody(route);
            if (valid) {
                return example;
            }
            int roll = in.below(20);
            if (roll < 10) {
                return in.mutateJson(example == null ? "{\"unknown\":1}" : example);
            }
            if (roll < 15) {
                return in.hostileBody();
            }
            return roll < 17 ? null : example;
        }

        private void health(String after) {
            String key = "GET /api/health (check)";
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(lab.url("/api/health")))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                tally.count(key, Integer.toString(r.statusCode()));
                if (r.statusCode() != 200) {
                    tally.fail(key, "after " + after, Integer.toString(r.statusCode()), r.body());
                }
            } catch (IOException e) {
                tally.count(key, "no answer");
                tally.fail(key, "after " + after, "no answer", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void connect(Route route) {
            sync();
            if (ws != null) {
                ws.close();
            }
            wsRoute = route;
            String url = "ws://127.0.0.1:" + lab.port() + route.path();
            if (in.chance(0.2)) { // a page elsewhere: refused at the upgrade, and the lab goes on
                try (WsClient foreign = WsClient.open(url, "http://evil.example")) {
                    tally.count("WEBSOCKET " + route.path() + " (foreign origin)", "accepted");
                } catch (CompletionException refused) {
                    tally.count("WEBSOCKET " + route.path() + " (foreign origin)", "refused");
                }
            }
            ws = in.chance(0.5) ? WsClient.connect(url) : WsClient.open(url, "http://127.0.0.1:" + lab.port());
            framesOnConnection = 0;
        }

        private void frame(String text) {
            if (ws == null || ws.isClosed()) {
                connect(wsRoute == null ? in.pick(wsRoutes) : wsRoute);
            }
            System.out.println("ws#" + (tally.frames() + 1) + " " + FuzzTally.cut(text, 200));
            unsynced.add(text);
            framesOnConnection++;
            tally.frame(key(wsRoute), "sent");
            try {
                ws.send(text);
            } catch (CompletionException | IllegalStateException closed) {
                // the lab closed the connection; sync() says how
            }
            if (unsynced.size() >= FRAMES_PER_SYNC || text.length() > 10_000) {
                sync();
            }
        }

        /**
         * Sends a frame the hub must answer (an unknown op, with a ref of its own) and waits for that answer or
         * the close: every frame before it has then been handled.
         */
        private void sync() {
            if (ws == null || unsynced.isEmpty()) {
                return;
            }
            String ref = "sync-" + (++syncs);
            String route = key(wsRoute);
            long started = System.nanoTime();
            try {
                ws.send("{\"op\":\"sync\",\"ref\":\"" + ref + "\"}");
            } catch (CompletionException | IllegalStateException closed) {
                // closed already: judged below
            }
            try {
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10))
                        .until(() -> ws.isClosed() || answered(ref));
            } catch (ConditionTimeoutException e) {
                tally.count(route, "no reply");
                tally.fail(route, String.join(" | ", unsynced), "no reply within " + PATIENCE.toSeconds() + " s", "");
            }
            if (ws.isClosed()) {
                tally.count(route, "close " + ws.closeCode());
                if (ws.closeCode() == 1011) {
                    tally.fail(route, String.join(" | ", unsynced), "close 1011", ws.closeReason());
                }
                ws = null;
            }
            unsynced.clear();
            tally.took(route, (System.nanoTime() - started) / 1_000_000);
        }

        private boolean answered(String ref) {
            for (JsonNode part : ws.parts("error", null)) {
                if (ref.equals(part.path("ref").asText())) {
                    return true;
                }
            }
            return false;
        }
    }
}
