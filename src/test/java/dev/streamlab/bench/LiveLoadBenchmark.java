package dev.streamlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.LabProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live channel under load, against the lab as a user runs it (its own JVM, embedded broker). Run by hand:
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.streamlab.bench.LiveLoadBenchmark -Dexec.args="30 300"</pre>
 * (seconds of the latency run, seconds of the fan-out run).
 * <ol>
 * <li>Latency: a producer outside the lab sends 1,000 records/s, each carrying its send time; one WebSocket client
 * (a quiet page: the only one, watching one topic) notes when each arrives. In the same run a plain Kafka consumer
 * notes when it reads each record: Kafka's own produce → consume latency, the baseline. The goal is the page's p50
 * at most 5 ms over Kafka's and its p99 at most 1.3 times Kafka's. Records the lab skipped (a frame holds the newest
 * {@code maxRecordsPerFrame}) are counted: they have no latency, so many of them would flatter the page.</li>
 * <li>Fan-out: 200 WebSocket clients watch one topic (records and partitions) while 5,000 records/s flow; each
 * client records the gaps between its frames. The lab's CPU is read from /proc (total, and the hub and Jetty
 * threads alone), its heap after a forced GC at the start and the end.</li>
 * </ol>
 * Each part prints the machine's load average when it ends: on a shared machine the figures mean little without it.
 */
public final class LiveLoadBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int latencySeconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int fanoutSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path dir = Files.createTempDirectory("streamlab-live-bench");
        int webPort = FreePorts.next();
        int kafkaPort = FreePorts.next();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        try (LabProcess lab = LabProcess.start(dir, "--port", String.valueOf(webPort), "--kafka-port", String.valueOf(kafkaPort),
                "--data-dir", dir.resolve("data").toString())) {
            System.out.printf(Locale.ROOT, "lab pid %d, web :%d, kafka %s%n", lab.pid(), webPort, bootstrap);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("latency", 3, (short) 1), new NewTopic("fanout", 3, (short) 1))).all().get();
            }
            latency(bootstrap, webPort, latencySeconds);
            fanout(bootstrap, webPort, lab.pid(), fanoutSeconds, clients);
            lab.terminate(Duration.ofSeconds(20));
        }
    }

    private static void latency(String bootstrap, int webPort, int seconds) throws Exception {
        List<Double> browser = Collections.synchronizedList(new ArrayList<>());
        List<Double> kafka = Collections.synchronizedList(new ArrayList<>());
        AtomicLong skipped = new AtomicLong();
        Client ws = Client.connect(webPort, "{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"latency\"}", frame -> {
            long now = nowMicros();
            for (JsonNode part : frame.path("parts")) {
                skipped.addAndGet(part.path("skipped").asLong());
                for (JsonNode record : part.path("records")) {
                    browser.add((now - Long.parseLong(record.get("value").asText())) / 1000.0);
                }
            }
        });
        AtomicBoolean running = new AtomicBoolean(true);
        Thread consumer = new Thread(() -> {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                List<TopicPartition> partitions = List.of(new TopicPartition("latency", 0), new TopicPartition("latency", 1),
                        new TopicPartition("latency", 2));
                c.assign(partitions);
                c.seekToEnd(partitions);
                partitions.forEach(c::position);
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                        kafka.add((nowMicros() - Long.parseLong(r.value())) / 1000.0);
                    }
                }
            }
        }, "baseline-consumer");
        consumer.start();
        Thread.sleep(2000); // both readers at the end of the log before the first record
        long framesBefore = ws.frames.get();
        long t0 = System.nanoTime();
        produce(bootstrap, "latency", 1000, Duration.ofSeconds(seconds), true);
        Thread.sleep(2000);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        running.set(false);
        consumer.join();
        ws.close();
        System.out.println("== produce → reader latency, 1,000 records/s for " + seconds + " s");
        System.out.println(row("Kafka consumer (baseline)", kafka));
        System.out.println(row("lab WebSocket client", browser));
        double p50 = Percentiles.of(browser, 50);
        double p99 = Percentiles.of(browser, 99);
        double kafkaP50 = Percentiles.of(kafka, 50);
        double kafkaP99 = Percentiles.of(kafka, 99);
        System.out.printf(Locale.ROOT, "ratio p50 %.2f, p99 %.2f (lab / Kafka)%n", p50 / kafkaP50, p99 / kafkaP99);
        System.out.printf(Locale.ROOT, "goal: p50 %+.1f ms over Kafka's (at most +5: %s), p99 %.2f x Kafka's (at most 1.3: %s)%n",
                p50 - kafkaP50, p50 - kafkaP50 <= 5 ? "met" : "missed", p99 / kafkaP99, p99 / kafkaP99 <= 1.3 ? "met" : "missed");
        System.out.printf(Locale.ROOT, "the page got %d frames (%.1f per second); the lab skipped %d records for it%n",
                ws.frames.get() - framesBefore, (ws.frames.get() - framesBefore) / elapsed, skipped.get());
        System.out.println("load average at the end (1, 5, 15 min): " + loadAverage());
    }

    /** The machine's load average: how much else ran meanwhile. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + ", " + fields[1] + ", " + fields[2] + " on " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    private static void fanout(String bootstrap, int webPort, long pid, int seconds, int count) throws Exception {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(Client.connect(webPort, "{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"fanout\"}",
                    "{\"op\":\"subscribe\",\"subject\":\"topic\",\"topic\":\"fanout\"}"));
        }
        Thread.sleep(3000);
        List<String> heap = Collections.synchronizedList(new ArrayList<>());
        heap.add(String.format(Locale.ROOT, "%.1f", heapAfterGc(pid) / 1e6));
        Cpu cpuStart = Cpu.read(pid);
        clients.forEach(Client::startMeasuring);
        long t0 = System.nanoTime();
        Thread sampler = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(60_000);
                    heap.add(String.format(Locale.ROOT, "%.1f", heapAfterGc(pid) / 1e6));
                }
            } catch (InterruptedException | IOException e) {
                // the run is over
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        produce(bootstrap, "fanout", 5000, Duration.ofSeconds(seconds), false);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        Cpu cpuEnd = Cpu.read(pid);
        heap.add(String.format(Locale.ROOT, "%.1f", heapAfterGc(pid) / 1e6));
        List<Double> gaps = new ArrayList<>();
        long closed = 0;
        long frames = 0;
        for (Client client : clients) {
            gaps.addAll(client.gaps);
            closed += client.closed.get() ? 1 : 0;
            frames += client.frames.get();
            client.close();
        }
        System.out.println("== fan-out: " + count + " WebSocket clients, 5,000 records/s for " + seconds + " s");
        System.out.println(row("gap between frames per client", gaps));
        System.out.printf(Locale.ROOT, "frames %d (%.1f per client per second), clients dropped %d%n",
                frames, frames / (double) count / elapsed, closed);
        System.out.printf(Locale.ROOT, "lab CPU %.2f cores in all; hub + Jetty threads %.2f cores; Kafka threads %.2f cores%n",
                (cpuEnd.total - cpuStart.total) / elapsed, (cpuEnd.web - cpuStart.web) / elapsed,
                (cpuEnd.kafka - cpuStart.kafka) / elapsed);
        System.out.println("heap used after a full GC, MB, at the start, every minute and at the end: " + String.join(", ", heap));
        System.out.println("load average at the end (1, 5, 15 min): " + loadAverage());
    }

    private static void produce(String bootstrap, String topic, int perSecond, Duration duration, boolean timestamped)
            throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            long start = System.nanoTime();
            long total = (long) perSecond * duration.toSeconds();
            for (long i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String value = timestamped ? String.valueOf(nowMicros()) : "{\"n\":" + i + ",\"note\":\"fan-out load\"}";
                producer.send(new ProducerRecord<>(topic, "key-" + (i % 50), value));
            }
            producer.flush();
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    private static long heapAfterGc(long pid) throws IOException, InterruptedException {
        run("jcmd", String.valueOf(pid), "GC.run");
        String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
        // G1: " garbage-first heap   total 262144K, used 23456K [...]"; Serial/Parallel: one line per generation
        java.util.regex.Pattern used = java.util.regex.Pattern.compile("used (\\d+)K");
        long total = 0;
        for (String line : info.split("\n")) {
            java.util.regex.Matcher m = used.matcher(line);
            boolean heapLine = line.contains("garbage-first heap") || line.contains("generation") || line.contains("PSYoungGen")
                    || line.contains("ParOldGen");
            if (heapLine && m.find()) {
                total += Long.parseLong(m.group(1)) * 1024;
            }
        }
        return total;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static String row(String name, List<Double> millis) {
        return String.format(Locale.ROOT, "%-32s n=%7d  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms", name, millis.size(),
                Percentiles.of(millis, 50), Percentiles.of(millis, 99), Percentiles.of(millis, 100));
    }


    /** CPU seconds of the lab's threads from /proc: all, the web side (hub, Jetty), Kafka's own. */
    private record Cpu(double total, double web, double kafka) {
        static Cpu read(long pid) throws IOException {
            double ticks = 100.0; // USER_HZ on Linux
            double total = 0;
            double web = 0;
            double kafka = 0;
            try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    String stat;
                    try {
                        stat = Files.readString(task.resolve("stat"));
                    } catch (IOException gone) {
                        continue;
                    }
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / ticks;
                    total += seconds;
                    if (name.startsWith("streamlab-live") || name.startsWith("qtp") || name.startsWith("streamlab-tail")
                            || name.startsWith("JettyWebSocket") || name.startsWith("streamlab-moni")) {
                        web += seconds;
                    } else if (name.startsWith("data-plane") || name.startsWith("kafka") || name.startsWith("broker")
                            || name.startsWith("controller") || name.contains("request-han") || name.startsWith("ReplicaFetch")
                            || name.startsWith("group-coord") || name.startsWith("LogDirFail") || name.startsWith("transaction")) {
                        kafka += seconds;
                    }
                }
            }
            return new Cpu(total, web, kafka);
        }
    }

    /** A WebSocket client as a page is: subscribes, reads every frame, notes the gaps between frames. */
    private static final class Client implements WebSocket.Listener {
        final List<Double> gaps = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong frames = new AtomicLong();
        final AtomicBoolean closed = new AtomicBoolean();
        private final java.util.function.Consumer<JsonNode> onFrame;
        private final StringBuilder partial = new StringBuilder();
        private volatile boolean measuring;
        private long lastFrameNanos;
        private WebSocket socket;

        private Client(java.util.function.Consumer<JsonNode> onFrame) {
            this.onFrame = onFrame;
        }

        static Client connect(int port, String subscribe, java.util.function.Consumer<JsonNode> onFrame) {
            return open(port, new Client(onFrame), subscribe);
        }

        static Client connect(int port, String... subscribes) {
            return open(port, new Client(null), subscribes);
        }

        private static Client open(int port, Client client, String... subscribes) {
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), client).join();
            for (String subscribe : subscribes) {
                client.socket.sendText(subscribe, true).join();
            }
            return client;
        }

        void startMeasuring() {
            synchronized (this) {
                lastFrameNanos = System.nanoTime();
                measuring = true;
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                frames.incrementAndGet();
                synchronized (this) {
                    long now = System.nanoTime();
                    if (measuring) {
                        gaps.add((now - lastFrameNanos) / 1e6);
                    }
                    lastFrameNanos = now;
                }
                if (onFrame != null) {
                    try {
                        onFrame.accept(JSON.readTree(frame));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.set(true);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.set(true);
        }

        void close() {
            measuring = false;
            socket.abort();
        }
    }
}
