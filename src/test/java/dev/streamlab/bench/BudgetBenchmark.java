package dev.streamlab.bench;

import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.Http;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.LabProcess;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What the worst requests cost the lab: its heap high-water mark and {@code /api/health} latency (p50/p99), first idle,
 * then while 50 worst-case requests of each kind run at once, in the same run. Run by hand:
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.streamlab.bench.BudgetBenchmark</pre>
 * The lab is its own JVM ({@link LabProcess}: embedded broker, -Xmx512m), so the heap is the lab's own: it is sampled
 * every 20 ms with {@code jstat -gc} (used = survivors + eden + old), so the high-water mark is a sampled one.
 * The kinds: the heaviest simulation the budget allows (100 events in 1,000 windows each), the issue's 160-byte
 * simulation (refused), playback load with 1,000 windows per event then step, the issue's playback override (refused),
 * pipelines with 1,000 windows per event on ten topics of 100 events each, and 2 MB bodies. Status -1: the client
 * saw the connection end before it read an answer (Jetty answers a 413 or 503 before the 2 MB body is all sent, then
 * closes the connection; some clients notice the reset first).
 */
public final class BudgetBenchmark {
    private static final int PER_KIND = 50;
    private static final String ISSUE_SIMULATION = "{\"window\":{\"type\":\"sliding\",\"sizeMs\":10000000,\"slideMs\":1},"
            + "\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[{\"key\":\"a\",\"ts\":1000}]}";
    private static final String ISSUE_PLAYBACK = "{\"scenario\":\"mobile-order-1159\",\"window\":{\"type\":\"sliding\","
            + "\"sizeMs\":1000000000000,\"slideMs\":1}}";
    private static final String HEAVY_PLAYBACK = "{\"scenario\":\"mobile-order-1159\",\"window\":{\"type\":\"sliding\","
            + "\"sizeMs\":1000000,\"slideMs\":1000}}";

    private BudgetBenchmark() {
    }

    /** A named request, sent {@link #PER_KIND} times at once with the others. */
    private record Kind(String name, String path, java.util.function.IntFunction<String> body, String then) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("streamlab-budget");
        int port = FreePorts.next();
        int kafka = FreePorts.next();
        String base = "http://127.0.0.1:" + port;
        try (LabProcess lab = LabProcess.start(dir, "--port", String.valueOf(port), "--kafka-port", String.valueOf(kafka),
                "--data-dir", dir.resolve("data").toString())) {
            String bootstrap = "127.0.0.1:" + kafka;
            List<String> topics = IntStream.range(0, 10).mapToObj(i -> "budget-bench-" + i).toList();
            for (String topic : topics) {
                Kafka.createTopic(bootstrap, topic, 1);
                List<ProducerRecord<String, String>> records = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    records.add(new ProducerRecord<>(topic, "k" + (i % 5), "{\"key\":\"k" + (i % 5) + "\",\"ts\":"
                            + (1_795_608_000_000L + i * 1000L) + ",\"value\":1}"));
                }
                Kafka.produce(bootstrap, topic, records);
            }
            String heavySimulation = "{\"window\":{\"type\":\"sliding\",\"sizeMs\":1000000,\"slideMs\":1000},"
                    + "\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":["
                    + IntStream.range(0, 100).mapToObj(i -> "{\"key\":\"k" + (i % 10) + "\",\"ts\":" + (i * 1000) + "}")
                    .collect(Collectors.joining(",")) + "]}";
            String oversized = "{\"window\":" + " ".repeat(2_000_000) + "}";
            List<Kind> kinds = List.of(
                    new Kind("simulate, heaviest allowed", "/api/simulate", i -> heavySimulation, null),
                    new Kind("simulate, the issue's", "/api/simulate", i -> ISSUE_SIMULATION, null),
                    new Kind("playback load+step, 1,000 windows/event", "/api/playback", i -> HEAVY_PLAYBACK, "/api/playback/step"),
                    new Kind("playback load, the issue's", "/api/playback", i -> ISSUE_PLAYBACK, "/api/playback/step"),
                    new Kind("pipelines, 1,000 windows/event", "/api/pipelines", i -> "{\"topic\":\"" + topics.get(i % 10)
                            + "\",\"window\":{\"type\":\"sliding\",\"sizeMs\":1000000,\"slideMs\":1000}}", null),
                    new Kind("oversized body (2 MB)", "/api/simulate", i -> oversized, null));

            HeapSampler heap = new HeapSampler(lab.pid(), 20);
            Thread.sleep(2000); // let start-up garbage settle before the idle phase
            heap.reset(100);
            List<Double> idle = health(base, () -> false, 200);
            long idleHeap = heap.reset(100);

            Map<String, Map<Integer, Integer>> statuses = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(kinds.size() * PER_KIND);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> sent = new ArrayList<>();
            for (Kind kind : kinds) {
                for (int i = 0; i < PER_KIND; i++) {
                    int n = i;
                    sent.add(pool.submit(() -> {
                        go.await();
                        int status;
                        try {
                            status = Http.send("POST", base + kind.path(), kind.body().apply(n)).statusCode();
                            if (kind.then() != null && status == 200) {
                                status = Http.send("POST", base + kind.then(), "").statusCode();
                            }
                        } catch (RuntimeException e) {
                            status = -1; // the connection ended before an answer was read (see the Javadoc)
                        }
                        statuses.computeIfAbsent(kind.name(), k -> new ConcurrentHashMap<>()).merge(status, 1, Integer::sum);
                        return null;
                    }));
                }
            }
            AtomicBoolean done = new AtomicBoolean();
            Thread finisher = new Thread(() -> {
                for (Future<?> f : sent) {
                    try {
                        f.get();
                    } catch (Exception e) {
                        statuses.computeIfAbsent("client errors", k -> new ConcurrentHashMap<>()).merge(-1, 1, Integer::sum);
                    }
                }
                done.set(true);
            });
            long t0 = System.nanoTime();
            go.countDown();
            finisher.start();
            List<Double> loaded = health(base, done::get, 0);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long loadedHeap = heap.reset(100);
            pool.shutdownNow();
            heap.close();
            String after = Http.get(base + "/api/health").body();

            System.out.printf(Locale.ROOT, "%n%d requests of %d kinds at once, all answered in %.1f s%n", sent.size(), kinds.size(), seconds);
            statuses.forEach((kind, byStatus) -> System.out.printf(Locale.ROOT, "  %-42s %s%n", kind, new TreeMap<>(byStatus)));
            System.out.printf(Locale.ROOT, "%n%-28s %12s %12s %8s%n", "", "idle", "under load", "ratio");
            row("heap high-water (MB)", idleHeap / 1e6, loadedHeap / 1e6);
            row("/api/health p50 (ms)", pct(idle, 50), pct(loaded, 50));
            row("/api/health p99 (ms)", pct(idle, 99), pct(loaded, 99));
            System.out.printf(Locale.ROOT, "%-28s %12d %12d%n", "/api/health samples", idle.size(), loaded.size());
            System.out.println("health afterwards: " + after);
        }
    }

    private static void row(String name, double idle, double loaded) {
        System.out.printf(Locale.ROOT, "%-28s %12.1f %12.1f %7.1fx%n", name, idle, loaded, loaded / idle);
    }

    /** Health latencies, one request after another, until {@code stop} (and at least {@code min} of them). */
    private static List<Double> health(String base, java.util.function.BooleanSupplier stop, int min) {
        List<Double> ms = new ArrayList<>();
        while (ms.size() < min || (min == 0 && !stop.getAsBoolean())) {
            long t = System.nanoTime();
            int status = Http.get(base + "/api/health").statusCode();
            ms.add((System.nanoTime() - t) / 1e6);
            if (status != 200) {
                System.out.println("health answered " + status);
            }
        }
        return ms;
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
