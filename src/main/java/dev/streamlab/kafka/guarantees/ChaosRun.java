package dev.streamlab.kafka.guarantees;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.process.Watchdog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Checks anyone's consume-process-produce program by killing it: writes orders to the input, starts the program
 * (any command; it finds the broker and topics in {@code STREAMLAB_BOOTSTRAP}, {@code STREAMLAB_INPUT},
 * {@code STREAMLAB_OUTPUT}), SIGKILLs it and its descendants at random moments while its output grows, restarts
 * it, and when the output has settled reads it read_committed and reports what is lost or duplicated.
 * <p>
 * The records go in in {@code kills + 1} portions, one before each start, so every run of the program has work
 * in hand when it is killed, however fast it is.
 * <p>
 * The program is not our code, so it cannot watch its parent as the lab's workers do: a {@link Watchdog} beside it
 * ends it (and its children) if chaos itself is killed.
 */
public final class ChaosRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SAMPLE = 5;
    private static final int CUSTOMERS = 5;
    private static final Duration POLL = Duration.ofMillis(50);

    /**
     * What to run and how hard to shake it.
     *
     * @param quiet        the output must not grow for this long after the last restart before chaos reads it
     * @param maxKillDelay a kill comes a random time below this after the output first grew in a run
     * @param growthWait   how long a run may take to grow the output before it is killed anyway
     */
    public record Settings(KafkaClients clients, String input, String output, int records, int kills, boolean upsert,
                           long seed, Duration timeout, Duration quiet, Duration maxKillDelay, Duration growthWait,
                           List<String> command) {
        public Settings {
            Objects.requireNonNull(clients, "clients");
            if (records < 1) {
                throw new IllegalArgumentException("--records must be at least 1, got " + records);
            }
            if (kills < 0) {
                throw new IllegalArgumentException("--kills must not be negative, got " + kills);
            }
            if (input.equals(output)) {
                throw new IllegalArgumentException("--input and --output must be different topics");
            }
            if (command.isEmpty()) {
                throw new IllegalArgumentException("no program to run");
            }
            command = List.copyOf(command);
        }

        public static Settings of(KafkaClients clients, String input, String output, int records, int kills, boolean upsert,
                                  long seed, Duration timeout, Duration quiet, List<String> command) {
            return new Settings(clients, input, output, records, kills, upsert, seed, timeout, quiet,
                    Duration.ofMillis(300), Duration.ofSeconds(15), command);
        }
    }

    /** Chaos could not run the check at all (broker unreachable, topics already used, program cannot start). */
    public static final class ChaosException extends RuntimeException {
        public ChaosException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Settings settings;
    private final Consumer<String> out;
    private final Random random;
    private long startNanos;
    private int runNumber;
    private Watchdog watchdog;

    /** {@code out} gets chaos's progress lines and the program's own output, prefixed; it may be called from several threads. */
    public ChaosRun(Settings settings, Consumer<String> out) {
        this.settings = settings;
        Object lock = new Object();
        this.out = line -> {
            synchronized (lock) {
                out.accept(line);
            }
        };
        this.random = new Random(settings.seed());
    }

    public ChaosReport run() throws InterruptedException {
        List<Order> orders = Orders.generate(settings.records(), CUSTOMERS, settings.seed());
        List<List<Order>> portions = portions(orders, settings.kills() + 1);
        try (Admin admin = settings.clients().admin("streamlab-chaos", 10_000); Watchdog dog = startWatchdog()) {
            prepareTopics(admin);
            List<TopicPartition> outputPartitions = partitions(admin, settings.output());
            write(portions.get(0));
            out.accept("chaos: wrote " + portions.get(0).size() + " of " + orders.size() + " orders to " + settings.input()
                    + "; starting: " + String.join(" ", settings.command()));
            startNanos = System.nanoTime();
            long deadline = startNanos + settings.timeout().toNanos();
            List<ChaosReport.Kill> kills = new ArrayList<>();
            int exits = 0;
            boolean timedOut = false;
            Process process = start();
            try {
                while (kills.size() < settings.kills()) {
                    // A restarted transactional program first aborts its predecessor's open transaction, which writes
                    // one marker per partition; that is not the new run at work, so growth means more than that.
                    long base = endOffsets(admin, outputPartitions) + outputPartitions.size();
                    long waitUntil = Math.min(deadline, System.nanoTime() + settings.growthWait().toNanos());
                    boolean grew = false;
                    while (System.nanoTime() < waitUntil && process.isAlive()) {
                        if (endOffsets(admin, outputPartitions) > base) {
                            grew = true;
                            break;
                        }
                        Thread.sleep(POLL.toMillis());
                    }
                    if (System.nanoTime() >= deadline) {
                        timedOut = true;
                        break;
                    }
                    if (!process.isAlive()) {
                        exits++;
                        out.accept("chaos: the program ended by itself (exit " + process.exitValue() + "); restarting it");
                        process = start();
                        continue;
                    }
                    if (grew) {
                        Thread.sleep(random.nextInt((int) Math.max(1, settings.maxKillDelay().toMillis())));
                    }
                    long at = millisSinceStart();
                    long offsets = endOffsets(admin, outputPartitions);
                    int killed = kill(process);
                    kills.add(new ChaosReport.Kill(runNumber, at, process.pid(), killed, offsets, grew));
                    out.accept(String.format(java.util.Locale.ROOT, "chaos: kill %d at %.1f s (pid %d, %d process%s, output end offsets %d)",
                            kills.size(), at / 1000.0, process.pid(), killed, killed == 1 ? "" : "es", offsets));
                    List<Order> next = portions.get(kills.size());
                    write(next);
                    out.accept("chaos: wrote " + next.size() + " more orders; restarting");
                    process = start();
                }
                if (!timedOut) {
                    timedOut = !awaitQuiet(admin, outputPartitions, deadline);
                }
            } finally {
                if (process.isAlive()) {
                    kill(process);
                }
            }
            if (kills.size() < settings.kills()) {
                // Timed out before every kill: the rest of the orders still belong in the input.
                for (int i = kills.size() + 1; i < portions.size(); i++) {
                    write(portions.get(i));
                }
            }
            out.accept("chaos: the output has settled; reading it read_committed");
            return check(admin, orders, outputPartitions, kills, exits, timedOut);
        } catch (ExecutionException e) {
            throw new ChaosException("cannot talk to Kafka at " + settings.clients().bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (org.apache.kafka.common.KafkaException | IllegalStateException e) {
            throw new ChaosException("cannot talk to Kafka at " + settings.clients().bootstrapServers() + ": "
                    + e.getMessage(), e);
        }
    }

    static <T> List<List<T>> portions(List<T> all, int count) {
        List<List<T>> portions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            portions.add(all.subList(all.size() * i / count, all.size() * (i + 1) / count));
        }
        return portions;
    }

    private long millisSinceStart() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    // --- topics and records ---

    private void prepareTopics(Admin admin) throws ExecutionException, InterruptedException {
        for (String topic : List.of(settings.input(), settings.output())) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        for (String topic : List.of(settings.input(), settings.output())) {
            List<TopicPartition> partitions = partitions(admin, topic);
            long held = endOffsets(admin, partitions) - offsets(admin, partitions, OffsetSpec.earliest());
            if (held > 0) {
                throw new ChaosException("topic " + topic + " already holds " + held
                        + " records; chaos needs empty topics (give new names to --input and --output)", null);
            }
        }
    }

    private static List<TopicPartition> partitions(Admin admin, String topic) throws ExecutionException, InterruptedException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        return description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** The sum of the end offsets (high watermarks: uncommitted records and markers included). */
    private static long endOffsets(Admin admin, List<TopicPartition> partitions) throws ExecutionException, InterruptedException {
        return offsets(admin, partitions, OffsetSpec.latest());
    }

    private static long offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        return admin.listOffsets(request).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
    }

    private void write(List<Order> orders) {
        Orders.produce(settings.clients(), settings.input(), orders);
    }

    // --- the program ---

    /** The watchdog, or null (and a line saying so) when it cannot start: the check itself does not need it. */
    private Watchdog startWatchdog() {
        try {
            watchdog = Watchdog.start(WorkerSupervisor.ownClasspath());
        } catch (IOException e) {
            out.accept("chaos: no watchdog (" + e.getMessage() + "); if chaos is killed, end your program by hand");
        }
        return watchdog;
    }

    private Process start() {
        runNumber++;
        ProcessBuilder builder = new ProcessBuilder(settings.command());
        builder.environment().put("STREAMLAB_BOOTSTRAP", settings.clients().bootstrapServers());
        builder.environment().put("STREAMLAB_INPUT", settings.input());
        builder.environment().put("STREAMLAB_OUTPUT", settings.output());
        builder.environment().put("PYTHONUNBUFFERED", "1");
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            Process process = builder.start();
            if (watchdog != null) {
                watchdog.watch(process.toHandle());
            }
            process.getOutputStream().close();
            String prefix = "[run " + runNumber + "] ";
            pump(process.getInputStream(), prefix);
            pump(process.getErrorStream(), prefix);
            return process;
        } catch (IOException e) {
            throw new ChaosException("cannot start " + String.join(" ", settings.command()) + ": " + e.getMessage(), e);
        }
    }

    private void pump(InputStream stream, String prefix) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    out.accept(prefix + line);
                }
            } catch (IOException ignored) {
                // the process was killed; its pipes are gone
            }
        }, "chaos-output-" + runNumber);
        thread.setDaemon(true);
        thread.start();
    }

    /** SIGKILL to the program and everything it started; returns how many processes that was. */
    private static int kill(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle handle : descendants) {
            handle.onExit().completeOnTimeout(handle, 10, TimeUnit.SECONDS).join();
        }
        return 1 + descendants.size();
    }

    /** Waits until the output has not grown for the quiet period; false when the deadline came first. */
    private boolean awaitQuiet(Admin admin, List<TopicPartition> partitions, long deadline)
            throws ExecutionException, InterruptedException {
        long last = endOffsets(admin, partitions);
        long lastChange = System.nanoTime();
        while (System.nanoTime() - lastChange < settings.quiet().toNanos()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(200);
            long now = endOffsets(admin, partitions);
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        return true;
    }

    // --- the check ---

    private ChaosReport check(Admin admin, List<Order> orders, List<TopicPartition> partitions,
                              List<ChaosReport.Kill> kills, int exits, boolean timedOut)
            throws ExecutionException, InterruptedException {
        List<ConsumerRecord<String, String>> committed = readAll(partitions, "read_committed");
        long uncommitted = readAll(partitions, "read_uncommitted").size();
        long span = endOffsets(admin, partitions) - offsets(admin, partitions, OffsetSpec.earliest());
        long aborted = uncommitted - committed.size();
        long markers = span - uncommitted;
        List<ChaosReport.Producer> producers = producers(admin, partitions);

        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Long> latestCents = new HashMap<>();
        int unexpected = 0;
        Map<String, Order> byId = new HashMap<>();
        Map<String, Long> expectedTotals = new TreeMap<>();
        for (Order order : orders) {
            byId.put(order.orderId(), order);
            expectedTotals.merge(order.customer(), order.amountCents(), Long::sum);
        }
        for (ConsumerRecord<String, String> record : committed) {
            JsonNode value = parse(record.value());
            if (settings.upsert()) {
                if (record.key() == null || !expectedTotals.containsKey(record.key())) {
                    unexpected++;
                    continue;
                }
                latestCents.put(record.key(), total(value));
            } else {
                String id = value == null ? null : value.path("order_id").asText(null);
                if (id == null || !byId.containsKey(id)) {
                    unexpected++;
                    continue;
                }
                counts.merge(id, 1, Integer::sum);
            }
        }
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        int extraCopies = 0;
        List<ChaosReport.Mismatch> mismatches = new ArrayList<>();
        if (settings.upsert()) {
            expectedTotals.forEach((customer, cents) -> {
                if (!latestCents.containsKey(customer)) {
                    lost.add(customer);
                } else if (!Objects.equals(latestCents.get(customer), cents)) {
                    mismatches.add(new ChaosReport.Mismatch(customer, cents, latestCents.get(customer)));
                }
            });
        } else {
            for (Order order : orders) {
                int count = counts.getOrDefault(order.orderId(), 0);
                if (count == 0) {
                    lost.add(order.orderId());
                } else if (count > 1) {
                    duplicated.add(order.orderId() + " x" + count);
                    extraCopies += count - 1;
                }
            }
        }
        boolean exact = lost.isEmpty() && duplicated.isEmpty() && mismatches.isEmpty() && unexpected == 0;
        return new ChaosReport(settings.input(), settings.output(), orders.size(), settings.upsert(), exact,
                committed.size(), settings.upsert() ? latestCents.size() : counts.size(), lost.size(), head(lost), duplicated.size(), extraCopies, head(duplicated),
                unexpected, mismatches, kills, exits, timedOut, millisSinceStart(), aborted, markers, producers);
    }

    private static List<String> head(List<String> list) {
        return list.subList(0, Math.min(SAMPLE, list.size()));
    }

    private static JsonNode parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            return null;
        }
    }

    /** An upsert value: a bare number, or an object with {@code total}, {@code sum} or {@code amount}; in cents. */
    private static Long total(JsonNode value) {
        if (value == null) {
            return null;
        }
        JsonNode number = value.isNumber() ? value : null;
        for (String field : List.of("total", "sum", "amount")) {
            if (number == null && value.path(field).isNumber()) {
                number = value.path(field);
            }
        }
        return number == null ? null : Math.round(number.asDouble() * 100);
    }

    private List<ConsumerRecord<String, String>> readAll(List<TopicPartition> partitions, String isolation) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings.clients().config(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "streamlab-chaos-check",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)))) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new ChaosException("could not read " + settings.output() + " to its end " + end + " within 30 s", null);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static List<ChaosReport.Producer> producers(Admin admin, List<TopicPartition> partitions) {
        Map<Long, int[]> byId = new TreeMap<>();
        try {
            admin.describeProducers(partitions).all().get().values().forEach(state -> {
                for (ProducerState producer : state.activeProducers()) {
                    int[] epochAndPartitions = byId.computeIfAbsent(producer.producerId(), id -> new int[] {-1, 0});
                    epochAndPartitions[0] = Math.max(epochAndPartitions[0], producer.producerEpoch());
                    epochAndPartitions[1]++;
                }
            });
        } catch (ExecutionException e) {
            return List.of(); // an old broker or missing permission: the evidence is optional
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        return byId.entrySet().stream().map(e -> new ChaosReport.Producer(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }
}
