package dev.streamlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.engine.Engine;
import dev.streamlab.engine.EngineConfig;
import dev.streamlab.engine.EngineLog;
import dev.streamlab.engine.EngineOutput;
import dev.streamlab.engine.Firing;
import dev.streamlab.engine.LateElement;
import dev.streamlab.engine.LogEntry;
import dev.streamlab.engine.ManualClock;
import dev.streamlab.engine.WindowSpec;
import dev.streamlab.kafka.EmbeddedBroker;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The time lab under load, run by hand:
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.streamlab.bench.TimeLabBenchmark -Dexec.args="1000000 20"</pre>
 * (events for the throughput run, seconds of the latency run). In one run, on a broker of its own:
 * <ol>
 * <li>the engine alone on the same events, with its log collected as the pipeline collects it, and with it off;</li>
 * <li>the pipeline on Kafka: a topic prefilled with the events in the quest's JSON, a WebSocket client watching the
 * pipeline's steps as a page does, timed from the pipeline's start to the last step reaching that client;</li>
 * <li>watermark to screen: a producer at 1,000 events/s, each moving the watermark; time from its send to the
 * frame carrying the step that moved the watermark reaching the client (the page draws it on its next animation
 * frame, at most ~16 ms later).</li>
 * </ol>
 */
public final class TimeLabBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BASE = 1_795_605_600_000L;

    private TimeLabBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int latencySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        EngineConfig config = EngineConfig.of(new WindowSpec.Tumbling(60_000, 0), 5_000, 0);
        engineAlone(config, events);
        Path dir = Files.createTempDirectory("streamlab-time-bench");
        int port = FreePorts.next();
        try (EmbeddedBroker broker = TestBroker.startOwn(dir, port);
             TestLab lab = TestLab.start("127.0.0.1:" + port)) {
            String bootstrap = "127.0.0.1:" + port;
            throughput(lab, bootstrap, events);
            latency(lab, bootstrap, latencySeconds);
        }
        System.exit(0);
    }

    private static long ts(long i) {
        return BASE + i * 50 + (i % 7) * 30; // slightly out of order, 20 events per second of event time
    }

    private static void engineAlone(EngineConfig config, int events) {
        for (boolean withLog : new boolean[] {true, false, true, false}) {
            List<LogEntry> log = new ArrayList<>();
            EngineLog engineLog = withLog ? log::add : EngineLog.OFF;
            Engine engine = new Engine(config, new ManualClock(0), new EngineOutput() {
                @Override
                public void onFiring(Firing firing) {
                }

                @Override
                public void onLate(LateElement element) {
                }
            }, engineLog);
            long t0 = System.nanoTime();
            for (int i = 0; i < events; i++) {
                engine.onEvent("cust-" + (i % 100), ts(i), i % 10, 0);
                log.clear(); // the pipeline keeps one record's entries at a time
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "engine alone, log %s: %,.0f events/s%n", withLog ? "on " : "off", events / seconds);
        }
    }

    private static void throughput(TestLab lab, String bootstrap, int events) throws Exception {
        String topic = "bench-throughput";
        Kafka.createTopic(bootstrap, topic, 1);
        try (KafkaProducer<String, String> producer = Kafka.producer(bootstrap, Map.of(ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024))) {
            for (int i = 0; i < events; i++) {
                String key = "cust-" + (i % 100);
                producer.send(new ProducerRecord<>(topic, key, "{\"key\":\"" + key + "\",\"ts\":" + ts(i) + ",\"value\":" + (i % 10) + "}"));
            }
            producer.flush();
        }
        AtomicLong lastIndex = new AtomicLong(-1);
        long[] doneAt = new long[1];
        Page page = Page.open(lab, frame -> {
            for (JsonNode part : frame.path("parts")) {
                for (JsonNode step : part.path("records")) {
                    long index = step.path("index").asLong();
                    if (index > lastIndex.get()) {
                        lastIndex.set(index);
                    }
                    if (index == events - 1) {
                        doneAt[0] = System.nanoTime();
                    }
                }
            }
        });
        long t0 = System.nanoTime();
        String run = startPipeline(lab, topic);
        page.send("{\"op\":\"subscribe\",\"subject\":\"steps\",\"run\":\"" + run + "\"}");
        while (doneAt[0] == 0) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        double seconds = (doneAt[0] - t0) / 1e9;
        System.out.printf(Locale.ROOT, "pipeline on Kafka with a page attached: %,d events in %.2f s = %,.0f events/s "
                + "(page got %,d frames)%n", events, seconds, events / seconds, page.frames.get());
        page.close();
    }

    private static void latency(TestLab lab, String bootstrap, int seconds) throws Exception {
        String topic = "bench-latency";
        Kafka.createTopic(bootstrap, topic, 1);
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        long[] lastWatermark = {Long.MIN_VALUE};
        Page page = Page.open(lab, frame -> {
            long now = System.nanoTime();
            for (JsonNode part : frame.path("parts")) {
                for (JsonNode step : part.path("records")) {
                    long watermark = step.path("after").path("watermark").asLong();
                    Long sent = sentAt.remove(step.path("eventTime").asLong());
                    if (sent != null && watermark > lastWatermark[0]) {
                        latencies.add((now - sent) / 1e6);
                    }
                    lastWatermark[0] = Math.max(lastWatermark[0], watermark);
                }
            }
        });
        String run = startPipeline(lab, topic);
        page.send("{\"op\":\"subscribe\",\"subject\":\"steps\",\"run\":\"" + run + "\"}");
        TimeUnit.SECONDS.sleep(2);
        try (KafkaProducer<String, String> producer = Kafka.producer(bootstrap, Map.of(ProducerConfig.LINGER_MS_CONFIG, 0))) {
            long start = System.nanoTime();
            int total = seconds * 1000;
            for (int i = 0; i < total; i++) {
                long due = start + i * 1_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long ts = BASE + 10_000_000L + i * 1000L; // each event a second later: the watermark moves every time
                sentAt.put(ts, System.nanoTime());
                producer.send(new ProducerRecord<>(topic, "cust-" + (i % 10), "{\"ts\":" + ts + ",\"value\":1}"));
            }
            producer.flush();
        }
        TimeUnit.SECONDS.sleep(2);
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "produce → watermark step at the page, 1,000 events/s for %d s: n=%d p50 %.1f ms, "
                + "p99 %.1f ms, max %.1f ms%n", seconds, sorted.size(), pct(sorted, 50), pct(sorted, 99), pct(sorted, 100));
        page.close();
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.max(0, (int) Math.ceil(p / 100 * sorted.size()) - 1));
    }

    private static String startPipeline(TestLab lab, String topic) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(lab.url("/api/pipelines")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"" + topic + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(r.body());
        }
        return JSON.readTree(r.body()).get("run").asText();
    }

    /** A page's WebSocket: parses every frame and hands it on. */
    private static final class Page implements WebSocket.Listener {
        final AtomicLong frames = new AtomicLong();
        private final Consumer<JsonNode> onFrame;
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        private Page(Consumer<JsonNode> onFrame) {
            this.onFrame = onFrame;
        }

        static Page open(TestLab lab, Consumer<JsonNode> onFrame) {
            Page page = new Page(onFrame);
            page.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(lab.wsUrl()), page).join();
            return page;
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.incrementAndGet();
                try {
                    onFrame.accept(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void close() {
            socket.abort();
        }
    }
}
