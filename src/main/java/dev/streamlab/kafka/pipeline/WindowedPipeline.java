package dev.streamlab.kafka.pipeline;

import dev.streamlab.engine.Clock;
import dev.streamlab.engine.EngineBudget;
import dev.streamlab.engine.Engine;
import dev.streamlab.engine.EngineOutput;
import dev.streamlab.engine.Firing;
import dev.streamlab.engine.LateElement;
import dev.streamlab.engine.LogEntry;
import dev.streamlab.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A windowed aggregation from one Kafka topic to two: it reads every partition of the input topic from the beginning
 * (assign, read_committed, no group, nothing committed), feeds the engine (Kafka partition p is engine partition p, so
 * watermarks are per partition), and writes each firing to the output topic and each late element to the late topic
 * (see {@link OutputJson}), keyed by the element's key, with one idempotent producer ({@code acks=all}).
 *
 * <p>Processing time: a record with the header {@code streamlab-arrival-ms} sets the engine's clock to that value
 * before it is processed (a virtual clock, for playback); otherwise the clock is the wall clock. The clock never goes
 * backwards. While no records come and the last one had no header, the pipeline reads the wall clock every poll, so
 * processing-time windows fire and idle partitions are noticed without input.
 *
 * <p>Everything touching the consumer, the engine and the listener happens on the pipeline's own daemon thread;
 * {@link #snapshot()}, {@link #awaitProcessed} and {@link #endOfInput()} may be called from any thread.
 *
 * <p>Bounded on an unbounded topic: each event is in at most {@link EngineBudget#maxWindowsPerEvent()} windows (checked
 * where the config is built); the engine's state is its open windows, and a pipeline holding more than
 * {@link EngineBudget#maxOpenWindows()} stops with that as its {@code problem}; outputs waiting to be sent are flushed
 * every {@value #MAX_PENDING} records, so one poll's worth of firings never piles up in memory.
 */
public final class WindowedPipeline implements AutoCloseable {
    /** The header carrying a record's processing time on a virtual clock, in epoch ms as a decimal. */
    public static final String ARRIVAL_HEADER = InputRecords.ARRIVAL_HEADER;

    private static final Logger LOG = LoggerFactory.getLogger(WindowedPipeline.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration UNKNOWN_TOPIC_GRACE = Duration.ofSeconds(2);
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final int MAX_PENDING = 10_000;

    private final PipelineSpec spec;
    private final PipelineListener listener;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<String, String> producer;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Object progress = new Object();

    // owned by the pipeline thread
    private final Engine engine;
    private final List<LogEntry> stepLog = new ArrayList<>();
    private final List<ProducerRecord<String, String>> pending = new ArrayList<>();
    private final long[] partitionWatermarks;
    private final Set<Integer> idle = new TreeSet<>();
    private long clockMs;
    private boolean virtualClock;
    private long firings;
    private long late;
    private long unreadable;
    private boolean ended;

    // shared
    private final long[] processedUpTo; // guarded by progress: next offset whose outputs are not yet acknowledged
    private volatile PipelineSnapshot snapshot;
    private volatile boolean running = true;
    private volatile String problem;
    private volatile Throwable failure;

    private WindowedPipeline(PipelineSpec spec, PipelineListener listener, KafkaConsumer<byte[], byte[]> consumer,
                             KafkaProducer<String, String> producer, long startProcessingTimeMs, boolean virtual) {
        this.spec = spec;
        this.listener = listener;
        this.consumer = consumer;
        this.producer = producer;
        int partitions = spec.config().partitions();
        this.partitionWatermarks = new long[partitions];
        Arrays.fill(partitionWatermarks, Long.MIN_VALUE);
        this.processedUpTo = new long[partitions];
        this.clockMs = startProcessingTimeMs;
        this.virtualClock = virtual;
        Clock clock = () -> clockMs;
        this.engine = new Engine(spec.config(), clock, new Output(), stepLog::add);
        stepLog.clear();
        this.snapshot = buildSnapshot();
        this.thread = new Thread(this::run, "streamlab-pipeline-" + spec.id());
        this.thread.setDaemon(true);
    }

    /**
     * Starts a pipeline on the wall clock: checks the input topic (it must exist with {@code config.partitions()}
     * partitions), creates the output and late topics if missing (one partition each) and starts reading.
     */
    public static WindowedPipeline start(KafkaClients clients, PipelineSpec spec, PipelineListener listener) {
        return start(clients, spec, listener, System.currentTimeMillis(), false);
    }

    /**
     * Starts a pipeline whose processing-time clock starts at {@code startProcessingTimeMs} and is moved only by the
     * {@link #ARRIVAL_HEADER} of the records (until a record comes without one): playback uses 0, as
     * {@code Scenarios.run} does, so both give the same results.
     */
    public static WindowedPipeline startVirtual(KafkaClients clients, PipelineSpec spec, PipelineListener listener,
                                                long startProcessingTimeMs) {
        return start(clients, spec, listener, startProcessingTimeMs, true);
    }

    private static WindowedPipeline start(KafkaClients clients, PipelineSpec spec, PipelineListener listener,
                                          long startMs, boolean virtual) {
        if (clients == null || spec == null) {
            throw new PipelineException("clients and spec must not be null");
        }
        prepareTopics(clients, spec);
        long n = SEQUENCE.incrementAndGet();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.config(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "streamlab-pipeline-" + spec.id() + "-" + n,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // a topic deleted under a running pipeline must stay deleted, not come back empty
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false)));
        KafkaProducer<String, String> producer;
        try {
            producer = new KafkaProducer<>(clients.config(Map.of(
                    ProducerConfig.CLIENT_ID_CONFIG, "streamlab-pipeline-" + spec.id() + "-" + n + "-out",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 0)));
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < spec.config().partitions(); p++) {
                partitions.add(new TopicPartition(spec.inputTopic(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            WindowedPipeline pipeline = new WindowedPipeline(spec, listener == null ? PipelineListener.NONE : listener,
                    consumer, producer, startMs, virtual);
            pipeline.thread.start();
            return pipeline;
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    private static void prepareTopics(KafkaClients clients, PipelineSpec spec) {
        try (Admin admin = clients.admin("streamlab-pipeline-admin-" + spec.id(), (int) STARTUP_TIMEOUT.toMillis())) {
            TopicDescription input = null;
            // A topic created a moment ago may not be in every metadata cache yet: ask again for a little while.
            long giveUp = System.nanoTime() + UNKNOWN_TOPIC_GRACE.toNanos();
            while (input == null) {
                try {
                    input = admin.describeTopics(List.of(spec.inputTopic())).allTopicNames()
                            .get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(spec.inputTopic());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw new PipelineException("cannot describe input topic " + spec.inputTopic() + ": "
                                + e.getCause().getMessage(), e);
                    }
                    if (System.nanoTime() > giveUp) {
                        throw new PipelineException("input topic " + spec.inputTopic() + " does not exist");
                    }
                    Thread.sleep(100);
                }
            }
            int partitions = input.partitions().size();
            if (partitions != spec.config().partitions()) {
                throw new PipelineException("input topic " + spec.inputTopic() + " has " + partitions + " partition"
                        + (partitions == 1 ? "" : "s") + " but the pipeline is configured for " + spec.config().partitions()
                        + " (config.partitions must equal the topic's partition count: Kafka partition p feeds engine partition p)");
            }
            for (String topic : List.of(spec.outputTopic(), spec.lateTopic())) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) -1))).all()
                            .get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new PipelineException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted while preparing the pipeline's topics", e);
        } catch (TimeoutException e) {
            throw new PipelineException("Kafka did not answer within " + STARTUP_TIMEOUT.toSeconds()
                    + " s while preparing the pipeline's topics", e);
        }
    }

    public PipelineSpec spec() {
        return spec;
    }

    /** The latest state; safe from any thread. */
    public PipelineSnapshot snapshot() {
        return snapshot;
    }

    /** True until {@link #close()} or a fatal error stopped the pipeline thread. */
    public boolean isRunning() {
        return running && thread.isAlive();
    }

    /**
     * Blocks until the record at {@code offset} of input partition {@code partition} has been fed to the engine, the
     * listener has heard of it, and the outputs it caused are acknowledged by Kafka.
     */
    public void awaitProcessed(int partition, long offset, Duration timeout) {
        if (partition < 0 || partition >= processedUpTo.length) {
            throw new IllegalArgumentException("partition must be in [0, " + processedUpTo.length + "), was " + partition);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (processedUpTo[partition] <= offset) {
                if (!isRunning()) {
                    throw new PipelineException("pipeline " + spec.id() + " stopped before processing " + spec.inputTopic()
                            + "-" + partition + "@" + offset + (failure == null ? "" : ": " + failure));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new PipelineException("pipeline " + spec.id() + " did not process " + spec.inputTopic() + "-"
                            + partition + "@" + offset + " within " + timeout.toMillis() + " ms");
                }
                try {
                    progress.wait(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PipelineException("interrupted while waiting for the pipeline", e);
                }
            }
        }
    }

    /**
     * Ends the input: the final watermark fires every event-time window left. Runs on the pipeline thread and returns
     * once those firings are acknowledged by Kafka; a second call does nothing.
     */
    public void endOfInput() {
        endOfInput(Duration.ofSeconds(30));
    }

    public void endOfInput(Duration timeout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                finishInput();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                throw e;
            }
        });
        consumer.wakeup();
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted while ending the input", e);
        } catch (ExecutionException e) {
            throw new PipelineException("end of input failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PipelineException("pipeline " + spec.id() + " did not end its input within " + timeout.toMillis()
                    + " ms" + (isRunning() ? "" : " (it is stopped)"));
        }
    }

    /** Stops the thread, then closes the consumer and the producer (waiting for outputs already sent). */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                runTasks();
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(POLL);
                } catch (WakeupException e) {
                    continue;
                }
                if (records.isEmpty()) {
                    if (!virtualClock && !ended) {
                        advanceClock(System.currentTimeMillis());
                        engine.advanceProcessingTime();
                        if (!stepLog.isEmpty()) {
                            // publish idleness and firings now; the entries still reach the listener with the next step
                            afterLog();
                        }
                        if (!pending.isEmpty()) {
                            flush();
                        }
                    }
                    continue;
                }
                long[] next = new long[processedUpTo.length];
                Arrays.fill(next, -1);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (!running) {
                        break; // stopped over budget (or closed) mid-batch: feed the engine nothing more
                    }
                    process(record);
                    next[record.partition()] = record.offset() + 1;
                }
                flush();
                synchronized (progress) {
                    for (int p = 0; p < next.length; p++) {
                        if (next[p] > processedUpTo[p]) {
                            processedUpTo[p] = next[p];
                        }
                    }
                    progress.notifyAll();
                }
            }
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.warn("pipeline {} stopped: {}", spec.id(), e.toString(), e);
        } finally {
            running = false;
            for (Runnable task; (task = tasks.poll()) != null; ) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.debug("pipeline {}: task after stop failed: {}", spec.id(), e.toString());
                }
            }
            closeQuietly();
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    private void runTasks() {
        for (Runnable task; (task = tasks.poll()) != null; ) {
            task.run();
        }
    }

    private void process(ConsumerRecord<byte[], byte[]> record) {
        InputRecords.Input input;
        try {
            input = InputRecords.read(record.key(), record.value(), record.timestamp());
        } catch (InputRecords.Unreadable e) {
            unreadable++;
            snapshot = buildSnapshot();
            LOG.debug("pipeline {}: {}-{}@{} skipped: {}", spec.id(), record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            try {
                listener.onUnreadable(record.partition(), record.offset(), e.getMessage());
            } catch (RuntimeException le) {
                LOG.warn("pipeline {}: listener failed on an unreadable record: {}", spec.id(), le.toString());
            }
            return;
        }
        if (ended) {
            // The engine's input has ended: later records cannot change anything. Count them as unreadable.
            unreadable++;
            snapshot = buildSnapshot();
            try {
                listener.onUnreadable(record.partition(), record.offset(), "arrived after end of input");
            } catch (RuntimeException le) {
                LOG.warn("pipeline {}: listener failed: {}", spec.id(), le.toString());
            }
            return;
        }
        Long arrival = InputRecords.arrival(record.headers().lastHeader(ARRIVAL_HEADER));
        virtualClock = arrival != null;
        advanceClock(arrival != null ? arrival : System.currentTimeMillis());
        engine.onEvent(input.key(), input.ts(), input.value(), record.partition());
        if (engine.openWindows() > EngineBudget.DEFAULT.maxOpenWindows()) {
            problem = EngineBudget.DEFAULT.openWindowsProblem(engine.openWindows());
            running = false; // the loop ends after this batch; the snapshot keeps the problem for the page
            LOG.warn("pipeline {} {}", spec.id(), problem);
        }
        if (pending.size() >= MAX_PENDING) {
            flush();
        }
        PipelineSnapshot after = afterLog();
        List<LogEntry> log = List.copyOf(stepLog);
        stepLog.clear();
        notifyListener(new PipelineStep(record.partition(), record.offset(), input.key(), input.ts(), clockMs, log, after));
    }

    private void finishInput() {
        if (ended) {
            return;
        }
        engine.endOfInput();
        ended = true;
        PipelineSnapshot after = afterLog();
        List<LogEntry> log = List.copyOf(stepLog);
        stepLog.clear();
        flush();
        notifyListener(new PipelineStep(-1, -1, null, Long.MAX_VALUE, clockMs, log, after));
    }

    private void advanceClock(long ms) {
        if (ms > clockMs) {
            clockMs = ms;
        }
    }

    /** Applies the step's log to the per-partition state and publishes a new snapshot. */
    private PipelineSnapshot afterLog() {
        for (LogEntry entry : stepLog) {
            if (entry instanceof LogEntry.PartitionWatermarkAdvanced a) {
                partitionWatermarks[a.partition()] = a.watermark();
            } else if (entry instanceof LogEntry.PartitionIdle i) {
                idle.add(i.partition());
            } else if (entry instanceof LogEntry.PartitionActive a) {
                idle.remove(a.partition());
            }
        }
        snapshot = buildSnapshot();
        return snapshot;
    }

    private PipelineSnapshot buildSnapshot() {
        List<Long> wms = new ArrayList<>(partitionWatermarks.length);
        for (long wm : partitionWatermarks) {
            wms.add(wm);
        }
        return new PipelineSnapshot(engine == null ? Long.MIN_VALUE : engine.currentWatermark(), wms, List.copyOf(idle),
                engine == null ? 0 : engine.eventCount(), firings, late, unreadable, ended, problem);
    }

    private void notifyListener(PipelineStep step) {
        try {
            listener.onStep(step);
        } catch (RuntimeException e) {
            LOG.warn("pipeline {}: listener failed: {}", spec.id(), e.toString(), e);
        }
    }

    /** Sends the outputs collected so far and waits until Kafka acknowledged all of them. */
    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        for (ProducerRecord<String, String> record : pending) {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    problem = "could not write to " + record.topic() + ": " + error.getMessage();
                    LOG.warn("pipeline {}: {}", spec.id(), problem);
                }
            });
        }
        pending.clear();
        producer.flush();
        if (problem != null) {
            snapshot = buildSnapshot();
        }
    }

    private void closeQuietly() {
        try {
            consumer.close(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.debug("pipeline {}: consumer did not close cleanly: {}", spec.id(), e.toString());
        }
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debug("pipeline {}: producer did not close cleanly: {}", spec.id(), e.toString());
        }
    }

    /** Collects the engine's results as records to send; called on the pipeline thread while the engine works. */
    private final class Output implements EngineOutput {
        @Override
        public void onFiring(Firing firing) {
            firings++;
            pending.add(new ProducerRecord<>(spec.outputTopic(), firing.key(), OutputJson.firing(firing)));
        }

        @Override
        public void onLate(LateElement element) {
            late++;
            pending.add(new ProducerRecord<>(spec.lateTopic(), element.key(), OutputJson.late(element)));
        }
    }
}
