package dev.streamlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.Http;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.LabProcess;
import dev.streamlab.testing.Tools;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A class on one lab (issue 16): simulated learners plus one instructor against the lab in its own JVM, on loopback.
 * Run by hand:
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.streamlab.bench.ClassroomBenchmark -Dexec.args="40 120"</pre>
 * Arguments: learners, seconds (a third, {@code one-python}, runs one Python producer process for all learners at the
 * same total rate instead of one per learner).
 *
 * <p>Each learner chooses a name ({@code POST /api/learner}, keeping the name and key cookies), loads {@code /time}
 * and holds a WebSocket subscribed as the {@code /time} page is while it follows the instructor ({@code playback},
 * {@code cluster}, {@code pipelines}, and {@code steps} of the class playback's current run). Each runs a Debian
 * {@code /usr/bin/python3} confluent_kafka producer writing 20 keyed records/s to the learner's own novice topic (the
 * prefix a plain name gives: {@code learner7-orders}), and presses Check my work for the novice challenge every
 * 30 s at a random offset (seed 16); once, halfway, all learners press it at the same instant. The topics start with one
 * partition, so a learner's first check passes "keys" and not "partitions"; the benchmark adds partitions to half the
 * learners' topics just before the burst and to the other half just after it, so "partitions" passes in the burst for
 * some and at a later staggered check for the others (if the run lasts that long).
 *
 * <p>The instructor opens the board ({@code GET /instructor} for its key, then the {@code board} subject on {@code /ws})
 * and the presenter view's WebSocket, loads a scenario in the class playback, steps it by hand every 1.5 s for the first
 * half of the run, then plays it at 2x (restarting it when it ends).
 *
 * <p>Measured, all on this JVM's clock: the board (the check's answer arriving → the first board frame with that
 * requirement's pass time; negative when the frame came first), follow mode (the instructor's step answer → each
 * learner's frame showing that step, a {@code steps} record or a {@code playback} state at that position; while playing
 * at 2x there is no answer, so the instructor's own page's frame is the start), Check my work (staggered, and the burst),
 * the lab process's CPU ({@code /proc/PID/stat} utime + stime over the measured part) and heap high-water
 * ({@code jstat -gc}, every 250 ms, used = survivors + eden + old).
 */
public final class ClassroomBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS_PER_SECOND = 20;
    private static final long CHECK_PERIOD_MS = 30_000;
    private static final long STEP_EVERY_MS = 1_500;
    private static final String SCENARIO = "mobile-order-1159";
    /** The novice challenge's default topic (labs/novice/challenge.json), under each learner's prefix. */
    private static final String NOVICE_TOPIC = "orders";
    private static final String PRODUCER = """
            import sys, time
            from confluent_kafka import Producer
            bootstrap, topics, rate, seconds = sys.argv[1], sys.argv[2].split(','), float(sys.argv[3]), float(sys.argv[4])
            p = Producer({'bootstrap.servers': bootstrap, 'linger.ms': 5})
            start = time.time(); end = start + seconds; n = 0
            while time.time() < end:
                for t in topics:
                    k = 'customer-%d' % (n % 4)
                    p.produce(t, key=k, value='{"customer": "%s", "n": %d}' % (k, n))
                p.poll(0); n += 1
                d = start + n / rate - time.time()
                if d > 0: time.sleep(d)
            p.flush(10)
            print(n * len(topics))
            """;

    private ClassroomBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int learners = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        boolean onePython = args.length > 2 && args[2].equals("one-python");
        if (learners < 1 || learners > 200 || seconds < 10 || seconds > 3600) {
            throw new IllegalArgumentException("learners 1..200, seconds 10..3600");
        }
        if (!Tools.pythonHas("confluent_kafka")) {
            throw new IllegalStateException("needs Debian's python3-confluent-kafka for " + Tools.PYTHON);
        }
        // Bounded whatever happens: the lab and the producers are ended by the JVM's exit.
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep((seconds + 240) * 1000L);
                System.err.println("the benchmark ran past its bound; stopping");
                System.exit(2);
            } catch (InterruptedException ignored) {
                // finished in time
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Path dir = Files.createTempDirectory("streamlab-classroom");
        int port = FreePorts.next();
        int kafkaPort = FreePorts.next();
        String base = "http://127.0.0.1:" + port;
        String ws = "ws://127.0.0.1:" + port + "/ws";
        String bootstrap = "127.0.0.1:" + kafkaPort;
        List<Producer> producers = new ArrayList<>();
        List<Page> pages = new ArrayList<>();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(4);
        ExecutorService checks = Executors.newFixedThreadPool(learners + 2);
        try (LabProcess lab = LabProcess.start(dir, "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--kafka-port", String.valueOf(kafkaPort), "--data-dir", dir.resolve("data").toString())) {
            long startNanos = System.nanoTime();
            // The learners: names, cookies, their /time page, their topic with one partition.
            List<Learner> room = new ArrayList<>();
            for (int i = 0; i < learners; i++) {
                String name = "learner" + i;
                HttpResponse<String> chose = Http.send("POST", base + "/api/learner", "{\"name\": \"" + name + "\"}");
                if (chose.statusCode() != 200) {
                    throw new IllegalStateException("choosing " + name + ": " + chose.statusCode() + " " + chose.body());
                }
                List<String> cookies = new ArrayList<>();
                chose.headers().allValues("Set-Cookie").forEach(c -> cookies.add(c.split(";")[0]));
                String cookie = String.join("; ", cookies);
                String topic = name + "-" + NOVICE_TOPIC; // each learner checks a topic of their own
                Kafka.createTopic(bootstrap, topic, 1);
                Http.get(base + "/time", "Cookie", cookie);
                Page page = Page.open(ws, base, cookie, name);
                page.subscribe("{\"subject\": \"playback\"}");
                page.subscribe("{\"subject\": \"cluster\"}");
                page.subscribe("{\"subject\": \"pipelines\"}");
                pages.add(page);
                room.add(new Learner(name, cookie, topic, page));
            }
            // The instructor: the board's key from its page, the board subject, the presenter view's subjects.
            Matcher key = Pattern.compile("data-board=\"([0-9a-f]+)\"").matcher(Http.get(base + "/instructor").body());
            if (!key.find()) {
                throw new IllegalStateException("the instructor's page carries no board key");
            }
            Page board = Page.open(ws, base, null, "board");
            board.subscribe("{\"subject\": \"board\", \"session\": \"" + key.group(1) + "\"}");
            pages.add(board);
            Page presenter = Page.open(ws, base, null, "presenter");
            presenter.subscribe("{\"subject\": \"playback\"}");
            pages.add(presenter);

            // The producers.
            List<String> topics = room.stream().map(Learner::topic).toList();
            if (onePython) {
                producers.add(python(bootstrap, String.join(",", topics), seconds + 5));
            } else {
                for (String topic : topics) {
                    producers.add(python(bootstrap, topic, seconds + 5));
                }
            }
            System.out.printf(Locale.ROOT, "set up %d learners in %.1f s; python producers: %s%n", learners,
                    (System.nanoTime() - startNanos) / 1e9, onePython ? "one process for all learners, "
                            + RECORDS_PER_SECOND * learners + " records/s in all" : learners + " processes, one per learner, "
                            + RECORDS_PER_SECOND + " records/s each");

            HeapSampler heap = new HeapSampler(lab.pid(), 250);
            long cpu0 = cpuTicks(lab.pid());
            long t0 = System.nanoTime();
            long runMs = seconds * 1000L;
            long burstAt = runMs / 2;

            List<Double> staggered = new CopyOnWriteArrayList<>();
            List<Double> burst = new CopyOnWriteArrayList<>();
            AtomicLong checkErrors = new AtomicLong();
            Map<String, Long> firstPass = new ConcurrentHashMap<>();
            Random random = new Random(16);
            for (Learner learner : room) {
                long first = (long) (random.nextDouble() * Math.min(CHECK_PERIOD_MS, runMs));
                for (long at = first; at < runMs; at += CHECK_PERIOD_MS) {
                    if (Math.abs(at - burstAt) < 1000) {
                        continue; // the burst checks for everyone then
                    }
                    timers.schedule(() -> checks.submit(() -> check(base, learner, staggered, firstPass, checkErrors)),
                            at, TimeUnit.MILLISECONDS);
                }
            }
            // Partitions: half the topics just before the burst, the other half just after it.
            timers.schedule(() -> addPartitions(bootstrap, room, 0), Math.max(0, burstAt - 2000), TimeUnit.MILLISECONDS);
            timers.schedule(() -> addPartitions(bootstrap, room, 1), burstAt + 1000, TimeUnit.MILLISECONDS);
            CountDownLatch burstDone = new CountDownLatch(learners);
            timers.schedule(() -> {
                CountDownLatch go = new CountDownLatch(1);
                for (Learner learner : room) {
                    checks.submit(() -> {
                        try {
                            go.await();
                            check(base, learner, burst, firstPass, checkErrors);
                        } finally {
                            burstDone.countDown();
                        }
                        return null;
                    });
                }
                go.countDown();
            }, burstAt, TimeUnit.MILLISECONDS);

            // The instructor's playback, on this thread: steps by hand, then play at 2x.
            Map<String, Long> stepAnswered = new ConcurrentHashMap<>();
            Map<String, Long> stepSent = new ConcurrentHashMap<>();
            List<Double> stepDurations = new ArrayList<>();
            instructor(base, "/api/playback", "{\"scenario\": \"" + SCENARIO + "\"}");
            long deadline = t0 + runMs * 1_000_000L;
            long playFrom = t0 + burstAt * 1_000_000L;
            while (System.nanoTime() < playFrom) {
                long sent = System.nanoTime();
                JsonNode state = instructor(base, "/api/playback/step", "");
                long answered = System.nanoTime();
                if (state != null) {
                    String k = state.path("runId").asText() + "#" + state.path("position").asInt();
                    stepSent.putIfAbsent(k, sent);
                    stepAnswered.putIfAbsent(k, answered);
                    stepDurations.add((answered - sent) / 1e6);
                    if (state.path("position").asInt() >= state.path("total").asInt()) {
                        instructor(base, "/api/playback/restart", "");
                    }
                }
                Thread.sleep(STEP_EVERY_MS);
            }
            instructor(base, "/api/playback/play", "{\"speed\": 2}");
            int plays = 1;
            while (System.nanoTime() < deadline) {
                Thread.sleep(500);
                JsonNode seen = presenter.playback.get();
                if (seen != null && (seen.path("ended").asBoolean() || !seen.path("playing").asBoolean())) {
                    instructor(base, "/api/playback/restart", "");
                    instructor(base, "/api/playback/play", "{\"speed\": 2}");
                    plays++;
                }
            }
            burstDone.await(60, TimeUnit.SECONDS);
            timers.shutdownNow();
            checks.shutdown();
            checks.awaitTermination(60, TimeUnit.SECONDS);
            Thread.sleep(1000); // the board's last refresh (every 300 ms) and frames in flight
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double cpu = (cpuTicks(lab.pid()) - cpu0) / 100.0; // USER_HZ is 100 on Linux
            long heapPeak = heap.peak(300);
            heap.close();

            // (1) The board.
            List<Double> boardMs = new ArrayList<>();
            int passesUnseen = 0;
            for (Map.Entry<String, Long> pass : firstPass.entrySet()) {
                Long shown = board.boardPasses.get(pass.getKey());
                if (shown == null) {
                    passesUnseen++;
                } else {
                    boardMs.add((shown - pass.getValue()) / 1e6);
                }
            }
            // (2) Follow mode.
            List<Double> stepMs = new ArrayList<>();
            List<Double> clickMs = new ArrayList<>();
            List<Double> playMs = new ArrayList<>();
            int stepsMissed = 0;
            int playSteps = 0;
            for (Learner learner : room) {
                for (Map.Entry<String, Long> step : stepAnswered.entrySet()) {
                    Long shown = learner.page().steps.get(step.getKey());
                    if (shown == null) {
                        stepsMissed++;
                    } else {
                        stepMs.add((shown - step.getValue()) / 1e6);
                        clickMs.add((shown - stepSent.get(step.getKey())) / 1e6);
                    }
                }
                for (Map.Entry<String, Long> step : presenter.steps.entrySet()) {
                    if (stepAnswered.containsKey(step.getKey()) || step.getKey().endsWith("#0")) {
                        continue;
                    }
                    Long shown = learner.page().steps.get(step.getKey());
                    if (shown != null) {
                        playMs.add((shown - step.getValue()) / 1e6);
                    }
                }
            }
            for (String k : presenter.steps.keySet()) {
                if (!stepAnswered.containsKey(k) && !k.endsWith("#0")) {
                    playSteps++;
                }
            }
            long produced = 0;
            for (Producer p : producers) {
                p.process().waitFor(30, TimeUnit.SECONDS);
                String out = Files.readString(p.output()).trim();
                try {
                    produced += Long.parseLong(out.lines().reduce((a, b) -> b).orElse("0").trim());
                } catch (NumberFormatException e) {
                    System.out.println("a producer said: " + out);
                }
            }
            int closed = 0;
            for (Page page : pages) {
                closed += page.closed.get() == null ? 0 : 1;
            }

            double stepP99 = Percentiles.of(stepMs, 99);
            double burstP99 = Percentiles.of(burst, 99);
            System.out.printf(Locale.ROOT, "%n%d learners + 1 instructor, %.0f s measured on %d cores; %s%n", learners, elapsed,
                    Runtime.getRuntime().availableProcessors(), onePython ? "one Python producer process for all learners"
                            : learners + " Python producer processes (one per learner)");
            System.out.printf(Locale.ROOT, "records produced: %,d (%.1f/s per learner; goal %d)%n", produced,
                    produced / (double) learners / (seconds + 5), RECORDS_PER_SECOND);
            System.out.printf(Locale.ROOT, "%n%-58s %8s %8s %8s %7s  %s%n", "measure", "p50 ms", "p99 ms", "max ms", "n", "goal");
            row("board: check answer -> board frame with the pass", boardMs, "-");
            row("follow, by hand: step answer -> learner's frame", stepMs,
                    "p99 <= 150 ms: " + (stepP99 <= 150 ? "met" : "NOT met"));
            row("follow, by hand: step sent -> learner's frame", clickMs, "(the step itself: p50 "
                    + fmt(Percentiles.of(stepDurations, 50)) + ", p99 " + fmt(Percentiles.of(stepDurations, 99)) + " ms)");
            row("follow, 2x: instructor's page -> learner's frame", playMs, "(" + playSteps + " steps, " + plays + " plays)");
            row("Check my work, staggered", staggered, "-");
            row("Check my work, " + learners + " at once", burst,
                    "p99 <= 2000 ms: " + (burstP99 <= 2000 ? "met" : "NOT met"));
            System.out.printf(Locale.ROOT, "%nlab CPU: %.1f s over %.0f s = %.2f cores; lab heap high-water: %.0f MB (-Xmx512m)%n",
                    cpu, elapsed, cpu / elapsed, heapPeak / 1e6);
            System.out.printf(Locale.ROOT, "passes not on the board: %d; learner-step frames missing: %d; check errors: %d; "
                    + "WebSockets closed by the lab: %d%n", passesUnseen, stepsMissed, checkErrors.get(), closed);
            System.out.println("load average at the end: " + Files.readString(Path.of("/proc/loadavg")).trim());
        } finally {
            timers.shutdownNow();
            checks.shutdownNow();
            for (Producer p : producers) {
                p.process().destroyForcibly();
            }
            for (Page page : pages) {
                page.close();
            }
            watchdog.interrupt();
        }
    }

    private record Learner(String name, String cookie, String topic, Page page) {
    }

    /** A Python producer process and the file its output goes to (its last line: how many records it sent). */
    private record Producer(Process process, Path output) {
    }

    private static Producer python(String bootstrap, String topics, int seconds) throws Exception {
        Path out = Files.createTempFile("classroom-producer", ".txt");
        out.toFile().deleteOnExit();
        return new Producer(new ProcessBuilder(Tools.PYTHON, "-c", PRODUCER, bootstrap, topics,
                String.valueOf(RECORDS_PER_SECOND), String.valueOf(seconds)).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start(), out);
    }

    /** Check my work as the challenge page presses it: the learner's own default names, their cookies. */
    private static void check(String base, Learner learner, List<Double> latencies, Map<String, Long> firstPass,
                              AtomicLong errors) {
        try {
            long t = System.nanoTime();
            HttpResponse<String> r = Http.send("POST", base + "/api/challenges/novice/check", "{}", "Cookie", learner.cookie());
            long answered = System.nanoTime();
            latencies.add((answered - t) / 1e6);
            if (r.statusCode() != 200) {
                errors.incrementAndGet();
                System.out.println(learner.name() + "'s check answered " + r.statusCode() + ": " + r.body());
                return;
            }
            for (JsonNode result : JSON.readTree(r.body()).path("results")) {
                if (result.path("passed").asBoolean()) {
                    firstPass.putIfAbsent(learner.name() + "/novice/" + result.path("requirement").asText(), answered);
                }
            }
        } catch (Exception e) {
            errors.incrementAndGet();
            System.out.println(learner.name() + "'s check failed: " + e);
        }
    }

    private static void addPartitions(String bootstrap, List<Learner> learners, int parity) {
        Map<String, NewPartitions> more = new java.util.HashMap<>();
        for (int i = parity; i < learners.size(); i += 2) {
            more.put(learners.get(i).topic(), NewPartitions.increaseTo(3));
        }
        if (more.isEmpty()) {
            return;
        }
        try (Admin admin = Kafka.admin(bootstrap)) {
            admin.createPartitions(more).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.out.println("adding partitions failed: " + e);
        }
    }

    /** An instructor's playback control (no token on loopback); its answer, or null after printing a refusal. */
    private static JsonNode instructor(String base, String path, String body) throws Exception {
        HttpResponse<String> r = Http.send("POST", base + path, body);
        if (r.statusCode() != 200) {
            System.out.println(path + " answered " + r.statusCode() + ": " + r.body());
            return null;
        }
        return JSON.readTree(r.body());
    }

    private static void row(String name, List<Double> ms, String goal) {
        System.out.printf(Locale.ROOT, "%-58s %8s %8s %8s %7d  %s%n", name, fmt(Percentiles.of(ms, 50)),
                fmt(Percentiles.of(ms, 99)), fmt(Percentiles.of(ms, 100)), ms.size(), goal);
    }

    private static String fmt(double ms) {
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.1f", ms);
    }

    /** utime + stime of a process, in clock ticks. */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * One page's WebSocket: what it was shown and when (this JVM's nanoTime). A {@code /time} page following the
     * instructor (and the presenter view) subscribes to the steps of the class playback's current run as soon as the
     * {@code playback} state names it, as time.js does; the board page records when each requirement pass first shows.
     */
    private static final class Page implements WebSocket.Listener, AutoCloseable {
        private final String who;
        private final StringBuilder partial = new StringBuilder();
        private final ExecutorService sender = Executors.newSingleThreadExecutor();
        private final AtomicReference<Integer> closed = new AtomicReference<>();
        private final AtomicReference<JsonNode> playback = new AtomicReference<>();
        /** "run#position" → when the page first showed the playback at that step. */
        private final Map<String, Long> steps = new ConcurrentHashMap<>();
        /** "learner/challenge/requirement" → when the board first showed its pass. */
        private final Map<String, Long> boardPasses = new ConcurrentHashMap<>();
        private final Map<String, Integer> positions = new ConcurrentHashMap<>();
        private final AtomicLong refs = new AtomicLong();
        private String run;
        private WebSocket socket;

        private Page(String who) {
            this.who = who;
        }

        static Page open(String url, String origin, String cookie, String who) {
            Page page = new Page(who);
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin);
            if (cookie != null) {
                builder.header("Cookie", cookie);
            }
            page.socket = builder.buildAsync(URI.create(url), page).join();
            return page;
        }

        void subscribe(String request) {
            String message = request.substring(0, request.lastIndexOf('}')) + ", \"op\": \"subscribe\", \"ref\": \"r"
                    + refs.incrementAndGet() + "\"}";
            sender.submit(() -> socket.sendText(message, true).join());
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long at = System.nanoTime();
                try {
                    frame(JSON.readTree(partial.toString()), at);
                } catch (Exception e) {
                    System.out.println(who + ": unreadable frame: " + e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void frame(JsonNode frame, long at) {
            for (JsonNode part : frame.path("parts")) {
                String subject = part.path("subject").asText();
                String type = part.path("type").asText();
                if (type.equals("error")) {
                    System.out.println(who + ": the lab said " + part);
                } else if (subject.equals("playback") && (type.equals("snapshot") || type.equals("delta"))) {
                    JsonNode state = (type.equals("snapshot") ? part.path("entries") : part.path("changed")).path("state");
                    if (state.isObject()) {
                        playback.set(state);
                        String r = state.path("runId").asText();
                        if (!r.equals(run)) {
                            run = r;
                            subscribe("{\"subject\": \"steps\", \"run\": \"" + r + "\"}");
                        }
                        shown(r, state.path("position").asInt(), at);
                    }
                } else if (subject.startsWith("steps/") && type.equals("records")) {
                    String r = subject.substring("steps/".length());
                    for (JsonNode step : part.path("records")) {
                        shown(r, step.path("index").asInt() + 1, at);
                    }
                } else if (subject.startsWith("board/") && (type.equals("snapshot") || type.equals("delta"))) {
                    (type.equals("snapshot") ? part.path("entries") : part.path("changed")).fields().forEachRemaining(e -> {
                        if (!e.getKey().startsWith("learner/")) {
                            return;
                        }
                        for (JsonNode pass : e.getValue().path("requirements")) {
                            if (!pass.path("passedAtMs").isNull() && !pass.path("passedAtMs").isMissingNode()) {
                                boardPasses.putIfAbsent(e.getKey().substring("learner/".length()) + "/"
                                        + pass.path("challenge").asText() + "/" + pass.path("requirement").asText(), at);
                            }
                        }
                    });
                }
            }
        }

        /** The page shows run {@code r} at {@code position}, and so every step up to it it had not shown yet. */
        private void shown(String r, int position, long at) {
            int from = positions.getOrDefault(r, 0);
            for (int p = from + 1; p <= position; p++) {
                steps.putIfAbsent(r + "#" + p, at);
            }
            positions.merge(r, position, Math::max);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.set(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.compareAndSet(null, -1);
        }

        @Override
        public void close() {
            sender.shutdownNow();
            socket.abort();
        }
    }
}
