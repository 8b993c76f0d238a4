package dev.streamlab.kafka.monitor;

import dev.streamlab.bench.Percentiles;

import dev.streamlab.kafka.EmbeddedBroker;
import dev.streamlab.kafka.EmbeddedBrokerSettings;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.Kafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What one poll of the cluster monitor costs on the embedded broker, broker and monitor in one JVM as in the lab.
 * Run by hand (not part of mvn verify):
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.streamlab.kafka.monitor.MonitorPollBenchmark</pre>
 * Sets up 10 topics of 3 partitions with records, three groups (one with a live member), a committed and an open
 * transaction; then measures the JVM's CPU while idle and while polling at the default interval, the duration of
 * each poll, each Admin call on its own, and how soon an unreachable broker is reported.
 *
 * <p>A run on the shared 2-core development machine (load average about 2 from other work):
 * <pre>
 * cluster: 12 topics (40 partitions), 3 groups, 2 transactional ids, reachable true
 * poll duration over 90 polls: median 10.5 ms, p90 16.4 ms, max 74.3 ms
 * JVM CPU (broker + member + monitor): idle 5.3% of a core, polling every 333 ms 11.7%
 *   each call 0.2-0.5 ms, except describeConsumerGroups on classic groups: 103 ms (so the poller does not use it
 *   for them: describeClassicGroups answers in 0.5 ms)
 * unreachable published after: median 1501 ms, max 1506 ms (call timeout 1500 ms)
 * </pre>
 */
public final class MonitorPollBenchmark {
    private static final int TOPICS = 10;
    private static final Duration PHASE = Duration.ofSeconds(30);

    private MonitorPollBenchmark() {
    }

    @SuppressWarnings("try") // the member only needs to be in its group while the benchmark runs
    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.controller.QuorumController", "error");
        EmbeddedBroker broker = new EmbeddedBroker(new EmbeddedBrokerSettings("127.0.0.1", "127.0.0.1",
                FreePorts.next(), FreePorts.next(), Files.createTempDirectory("monitor-bench"), Map.of()));
        broker.start();
        String bootstrap = broker.bootstrapServers();
        try (Admin admin = Kafka.admin(bootstrap);
             KafkaProducer<String, String> open = Kafka.producer(bootstrap, Map.of(
                     ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-open"));
             PollingConsumer member = setUp(bootstrap, admin, open)) {
            MonitorSettings settings = MonitorSettings.defaults();
            List<Double> polls = new ArrayList<>();
            try (Admin monitorAdmin = new KafkaClients(bootstrap, Map.of()).admin("bench", settings.callTimeoutMs())) {
                ClusterPoller poller = new ClusterPoller(monitorAdmin, bootstrap, settings, Clock.systemUTC());
                ClusterSnapshot[] last = {null};
                // Warm-up: the JIT compiles the client's and the broker's request paths.
                for (int i = 0; i < 100; i++) {
                    last[0] = poller.poll(last[0]);
                }
                double idle = cpuShare(PHASE, () -> Thread.sleep(PHASE.toMillis()));
                double polling = cpuShare(PHASE, () -> {
                    long end = System.nanoTime() + PHASE.toNanos();
                    while (System.nanoTime() < end) {
                        long started = System.nanoTime();
                        last[0] = poller.poll(last[0]);
                        polls.add((System.nanoTime() - started) / 1e6);
                        long left = started + settings.interval().toNanos() - System.nanoTime();
                        if (left > 0) {
                            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                        }
                    }
                });
                ClusterSnapshot snapshot = last[0];
                System.out.printf(Locale.ROOT, "cluster: %d topics (%d partitions), %d groups, %d transactional ids, reachable %s%n",
                        snapshot.topics().size(), snapshot.topics().stream().mapToInt(t -> t.partitions().size()).sum(),
                        snapshot.groups().size(), snapshot.transactions().size(), snapshot.reachable());
                System.out.printf(Locale.ROOT, "poll duration over %d polls: median %.1f ms, p90 %.1f ms, max %.1f ms%n",
                        polls.size(), Percentiles.of(polls, 50), Percentiles.of(polls, 90), Percentiles.of(polls, 100));
                System.out.printf(Locale.ROOT, "JVM CPU (broker + member + monitor): idle %.1f%% of a core, polling every %d ms %.1f%%%n",
                        idle * 100, settings.interval().toMillis(), polling * 100);
                perCall(monitorAdmin);
            }
        } finally {
            broker.close();
        }
        unreachable();
    }

    /** How soon a monitor pointed at a port nobody listens on publishes an unreachable snapshot, 5 times. */
    private static void unreachable() throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            java.util.concurrent.CompletableFuture<ClusterSnapshot> first = new java.util.concurrent.CompletableFuture<>();
            try (ClusterMonitor monitor = new ClusterMonitor(new KafkaClients("127.0.0.1:" + FreePorts.next(), Map.of()),
                    MonitorSettings.defaults(), Clock.systemUTC())) {
                monitor.addListener(first::complete);
                long started = System.nanoTime();
                monitor.start();
                first.get(10, java.util.concurrent.TimeUnit.SECONDS);
                times.add((System.nanoTime() - started) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "unreachable published after: median %.0f ms, max %.0f ms (call timeout %d ms)%n",
                Percentiles.of(times, 50), Percentiles.of(times, 100), MonitorSettings.defaults().callTimeout().toMillis());
    }

    private static PollingConsumer setUp(String bootstrap, Admin admin, KafkaProducer<String, String> open)
            throws Exception {
        List<String> topics = IntStream.range(0, TOPICS).mapToObj(i -> "bench-" + i).toList();
        admin.createTopics(topics.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList()).all().get();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        topics.forEach(t -> IntStream.range(0, 300).forEach(i -> records.add(new ProducerRecord<>(t, "k" + i, "v" + i))));
        Kafka.produce(bootstrap, "bench-0", records);
        for (String group : List.of("bench-empty-1", "bench-empty-2")) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition("bench-1", 0), new OffsetAndMetadata(10)))
                    .all().get();
        }
        try (KafkaProducer<String, String> done = Kafka.producer(bootstrap, Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-done"))) {
            done.initTransactions();
            done.beginTransaction();
            done.send(new ProducerRecord<>("bench-2", "k", "v"));
            done.commitTransaction();
        }
        open.initTransactions();
        open.beginTransaction();
        open.send(new ProducerRecord<>("bench-3", "k", "v"));
        open.flush();
        return new PollingConsumer(bootstrap, "bench-live", "bench-0", "bench-member", Map.of());
    }

    /** Each Admin call of a poll on its own, back to back, median of 50. */
    private static void perCall(Admin admin) throws Exception {
        List<String> names = new ArrayList<>(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get());
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
        List<TopicPartition> partitions = described.values().stream().flatMap(d -> d.partitions().stream()
                .map(p -> new TopicPartition(d.name(), p.partition()))).toList();
        List<TopicPartition> userPartitions = partitions.stream().filter(tp -> !tp.topic().startsWith("__")).toList();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream()
                .map(g -> g.groupId()).toList();
        List<String> transactionalIds = admin.listTransactions().all().get().stream()
                .map(t -> t.transactionalId()).toList();
        Map<String, Callable<?>> calls = new java.util.LinkedHashMap<>();
        calls.put("listTopics", () -> admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get());
        calls.put("describeTopics", () -> admin.describeTopics(names).allTopicNames().get());
        calls.put("listOffsets latest (" + partitions.size() + " partitions)",
                () -> admin.listOffsets(latest).all().get());
        calls.put("listOffsets latest read_committed",
                () -> admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get());
        calls.put("describeProducers (" + userPartitions.size() + " partitions)",
                () -> admin.describeProducers(userPartitions).all().get());
        calls.put("listGroups", () -> admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get());
        calls.put("describeConsumerGroups (" + groups.size() + " classic)",
                () -> admin.describeConsumerGroups(groups).all().get());
        calls.put("describeClassicGroups (" + groups.size() + " classic)",
                () -> admin.describeClassicGroups(groups).all().get());
        calls.put("listConsumerGroupOffsets (all groups, one call)", () -> admin.listConsumerGroupOffsets(
                groups.stream().collect(Collectors.toMap(g -> g, g -> new ListConsumerGroupOffsetsSpec()))).all().get());
        calls.put("listTransactions", () -> admin.listTransactions().all().get());
        calls.put("describeTransactions (" + transactionalIds.size() + ")",
                () -> admin.describeTransactions(transactionalIds).all().get());
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (Map.Entry<String, Callable<?>> call : calls.entrySet()) {
            List<Double> times = new ArrayList<>();
            long cpu = os.getProcessCpuTime();
            for (int i = 0; i < 50; i++) {
                long started = System.nanoTime();
                call.getValue().call();
                times.add((System.nanoTime() - started) / 1e6);
            }
            double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6 / 50;
            System.out.printf(Locale.ROOT, "  %-50s median %6.2f ms, CPU %.2f ms a call%n", call.getKey(),
                    Percentiles.of(times, 50), cpuMs);
        }
    }

    interface Phase {
        void run() throws Exception;
    }

    /** The JVM's CPU time during the phase, as a share of one core. */
    private static double cpuShare(Duration phase, Phase work) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        work.run();
        return (double) (os.getProcessCpuTime() - cpu) / (System.nanoTime() - wall);
    }

}
