package dev.streamlab.kafka.guarantees;

import dev.streamlab.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A consume-process-produce worker: reads orders, writes one {@link OutputRecord} per order with the customer's
 * running total, and commits its input offsets as its {@link Mode} says. Meant to run as its own OS process
 * ({@code streamlab worker}) so a crash is a real {@code kill -9} in the middle of a batch.
 *
 * <p>A batch is what arrives within {@code commitIntervalMs} of the first poll, at most {@code batch} records; each
 * batch ends with one commit (exactly-once: one transaction per batch). The running totals are rebuilt on start
 * from the output topic itself (the latest {@code total} per customer; read_committed for exactly-once), so the
 * state is exactly as durable as the output.
 *
 * <p>Progress goes to {@code out}, one line each: {@code ready ...} once the state is rebuilt,
 * {@code processed N (total T, left L)} after each batch is committed (L: records not yet read, as the last fetch
 * saw them), {@code caught up (total T)} when a poll finds nothing left to read, {@code stopped (total T)} on a
 * clean stop.
 *
 * <p>{@link #holdInNextBatch()} (the {@link #HOLD} request on its stdin) makes it stop at the next batch's in-batch
 * point, the one moment where a crash shows what its mode does, print {@code in batch: ...} there with the batch's
 * size and wait up to {@link #HOLD_FOR} for the SIGKILL its supervisor sends on reading that line:
 * at-least-once after producing and flushing, before committing the offsets; exactly-once after producing in the
 * open transaction and sending its offsets, before committing it; at-most-once after committing the offsets, before
 * processing. A worker with nothing left to read answers {@code no batch to hold: caught up ...} instead.
 */
public final class Worker {

    /** The three delivery guarantees of chapter 4. */
    public enum Mode {
        /** Commits the batch's offsets, then processes it: a crash mid-batch loses the rest of the batch. */
        AT_MOST_ONCE,
        /** Processes and produces the batch, then commits: a crash mid-batch processes part of it twice. */
        AT_LEAST_ONCE,
        /** Output and offsets in one transaction: a crash aborts it and the batch is processed again, once. */
        EXACTLY_ONCE;

        /** The command-line spelling: {@code at-most-once}, {@code at-least-once}, {@code exactly-once}. */
        public String flag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Mode fromFlag(String flag) {
            for (Mode m : values()) {
                if (m.flag().equals(flag)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("mode must be at-most-once, at-least-once or exactly-once, got " + flag);
        }
    }

    /**
     * @param transactionalId  exactly-once only; {@code null}: {@code streamlab-worker-<group>}. A restarted worker
     *                         with the same id fences its predecessor.
     * @param recordDelayMs    simulated processing cost per record, so a kill can land in the middle of a batch
     */
    public record Settings(Mode mode, String input, String output, String group, String transactionalId,
                           long commitIntervalMs, int batch, long recordDelayMs) {
        public Settings {
            Objects.requireNonNull(mode, "mode");
            requireName(input, "input");
            requireName(output, "output");
            requireName(group, "group");
            if (input.equals(output)) {
                throw new IllegalArgumentException("input and output must be different topics");
            }
            if (commitIntervalMs < 1 || batch < 1 || recordDelayMs < 0) {
                throw new IllegalArgumentException("commit interval and batch must be positive, record delay >= 0");
            }
            if (transactionalId == null || transactionalId.isBlank()) {
                transactionalId = "streamlab-worker-" + group;
            }
        }

        private static void requireName(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The request line (on a child worker's stdin) for {@link #holdInNextBatch()}. */
    public static final String HOLD = "hold in next batch";
    /** The request line for {@link #cancelHold()}. */
    public static final String CANCEL_HOLD = "cancel hold";
    /** How long a worker waits at its in-batch point for the kill before it carries on (and says so). */
    public static final Duration HOLD_FOR = Duration.ofSeconds(30);

    private final KafkaClients clients;
    private final Settings settings;
    private final Consumer<String> out;
    private final Map<String, Long> totals = new HashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;
    private long processed;
    /** A hold asked for and not yet reached (or answered with "no batch to hold"). */
    private final java.util.concurrent.atomic.AtomicBoolean holdAsked = new java.util.concurrent.atomic.AtomicBoolean();
    private final Object holdLock = new Object();
    /** Set by {@link #cancelHold()} or {@link #stop(Duration)} to end a hold in progress. */
    private boolean holdReleased;

    public Worker(KafkaClients clients, Settings settings, Consumer<String> out) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Runs until {@link #stop()}; a Kafka error (a fenced producer included) ends it with the exception. */
    public void run() {
        boolean exactlyOnce = settings.mode() == Mode.EXACTLY_ONCE;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(exactlyOnce))) {
            if (exactlyOnce) {
                // Fences any predecessor with this transactional id and finishes its open transaction (aborted, or
                // committed if it was already committing), so the read_committed rebuild below sees a settled log.
                producer.initTransactions();
            }
            rebuildState(exactlyOnce ? TopicReader.READ_COMMITTED : TopicReader.READ_UNCOMMITTED);
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerConfig(exactlyOnce))) {
                if (!running) {
                    return;
                }
                List<TopicPartition> partitions = TopicReader.partitions(c, settings.input(), TIMEOUT);
                c.assign(partitions);
                loop(c, producer, partitions);
            }
        } finally {
            out.accept("stopped (total " + processed + ")");
            finished.countDown();
        }
    }

    /** Asks the worker to stop after the batch in hand; waits up to {@code timeout} for it. */
    public boolean stop(Duration timeout) throws InterruptedException {
        // No wakeup(): it could interrupt a commit half way. Polls wait at most the commit interval, so the loop
        // sees the flag soon enough, and the batch in hand is finished and committed first.
        running = false;
        releaseHold();
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a hold at the next in-batch point (see the class comment); a second ask before it is one ask. */
    public void holdInNextBatch() {
        synchronized (holdLock) {
            holdReleased = false;
        }
        holdAsked.set(true);
    }

    /** Withdraws an ask not yet reached and ends a hold in progress: the batch goes on as if nothing was asked. */
    public void cancelHold() {
        holdAsked.set(false);
        releaseHold();
    }

    /** Acts on one request line from the supervisor ({@link #HOLD} or {@link #CANCEL_HOLD}); others are ignored. */
    public void request(String line) {
        if (HOLD.equals(line)) {
            holdInNextBatch();
        } else if (CANCEL_HOLD.equals(line)) {
            cancelHold();
        }
    }

    private void releaseHold() {
        synchronized (holdLock) {
            holdReleased = true;
            holdLock.notifyAll();
        }
    }

    /** The in-batch point: if a hold was asked, say where we are and wait for the kill (bounded). */
    private void holdIfAsked(String where) {
        if (!holdAsked.getAndSet(false)) {
            return;
        }
        out.accept("in batch: " + where);
        long until = System.nanoTime() + HOLD_FOR.toNanos();
        boolean released;
        synchronized (holdLock) {
            long left;
            while (!holdReleased && running && (left = until - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(holdLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            released = holdReleased;
            holdReleased = false;
        }
        out.accept(released || !running ? "(hold ended; carrying on with the batch)"
                : "(held " + HOLD_FOR.toSeconds() + " s in the batch and no kill came; carrying on with it)");
    }

    private void rebuildState(String isolation) {
        List<ConsumerRecord<String, String>> records = TopicReader.readAll(clients, settings.output(), isolation, TIMEOUT);
        for (ConsumerRecord<String, String> r : records) {
            OutputRecord o = OutputRecord.parse(r.value());
            totals.put(o.customer(), o.totalCents());
        }
        out.accept("ready " + settings.mode().flag() + " (totals of " + totals.size() + " customers rebuilt from "
                + records.size() + " output records)");
    }

    private void loop(KafkaConsumer<String, String> c, KafkaProducer<String, String> producer,
                      List<TopicPartition> partitions) {
        boolean reportedCaughtUp = false;
        while (running) {
            List<ConsumerRecord<String, String>> batch = nextBatch(c);
            if (batch.isEmpty()) {
                if (!reportedCaughtUp && caughtUp(c, partitions)) {
                    out.accept("caught up (total " + processed + ")");
                    reportedCaughtUp = true;
                }
                if (reportedCaughtUp && holdAsked.getAndSet(false)) {
                    out.accept("no batch to hold: caught up (total " + processed + ")");
                }
                continue;
            }
            reportedCaughtUp = false;
            Map<TopicPartition, OffsetAndMetadata> offsets = nextOffsets(batch);
            int n = batch.size();
            switch (settings.mode()) {
                case AT_MOST_ONCE -> {
                    c.commitSync(offsets, TIMEOUT);
                    holdIfAsked("offsets of " + n + " committed, not processed");
                    process(batch, producer);
                    producer.flush();
                }
                case AT_LEAST_ONCE -> {
                    process(batch, producer);
                    producer.flush();
                    holdIfAsked("produced " + n + ", offsets not committed");
                    c.commitSync(offsets, TIMEOUT);
                }
                case EXACTLY_ONCE -> {
                    producer.beginTransaction();
                    process(batch, producer);
                    producer.sendOffsetsToTransaction(offsets, c.groupMetadata());
                    producer.flush(); // the records are in the log, as part of the open transaction
                    holdIfAsked("produced " + n + " in the open transaction, offsets sent, not committed");
                    producer.commitTransaction();
                }
            }
            processed += n;
            out.accept("processed " + n + " (total " + processed + ", left " + left(c, partitions) + ")");
        }
    }

    /** Records not yet read, from the last fetch's end offsets (no request to the broker); -1 when not known. */
    private static long left(KafkaConsumer<String, String> c, List<TopicPartition> partitions) {
        long sum = 0;
        for (TopicPartition tp : partitions) {
            java.util.OptionalLong lag = c.currentLag(tp);
            if (lag.isEmpty()) {
                return -1;
            }
            sum += lag.getAsLong();
        }
        return sum;
    }

    /** Polls until {@code batch} records arrived or the commit interval since the first poll is over. */
    private List<ConsumerRecord<String, String>> nextBatch(KafkaConsumer<String, String> c) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.commitIntervalMs());
        do {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(left))) {
                batch.add(r);
            }
        } while (running && batch.size() < settings.batch() && System.nanoTime() < deadline);
        return batch;
    }

    private void process(List<ConsumerRecord<String, String>> batch, KafkaProducer<String, String> producer) {
        for (ConsumerRecord<String, String> r : batch) {
            if (settings.recordDelayMs() > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(settings.recordDelayMs()));
            }
            Order order;
            try {
                order = Order.parse(r.value());
            } catch (IllegalArgumentException e) {
                out.accept("skipped " + r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + e.getMessage());
                continue;
            }
            long total = totals.merge(order.customer(), order.amountCents(), Long::sum);
            producer.send(new ProducerRecord<>(settings.output(), order.customer(),
                    new OutputRecord(order.orderId(), order.customer(), order.amountCents(), total).toJson()));
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<String, String>> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, String> r : batch) {
            offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        return offsets;
    }

    private static boolean caughtUp(KafkaConsumer<String, String> c, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = c.endOffsets(partitions, TIMEOUT);
        return partitions.stream().allMatch(tp -> c.position(tp, TIMEOUT) >= end.get(tp));
    }

    private Map<String, Object> producerConfig(boolean exactlyOnce) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "streamlab-worker-" + settings.mode().flag(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        if (exactlyOnce) {
            // A fenced worker's blocked commit gives up after 15 s instead of a minute.
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        }
        return clients.config(config);
    }

    private Map<String, Object> consumerConfig(boolean exactlyOnce) {
        return clients.config(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "streamlab-worker-" + settings.mode().flag(),
                ConsumerConfig.GROUP_ID_CONFIG, settings.group(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batch(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                exactlyOnce ? TopicReader.READ_COMMITTED : TopicReader.READ_UNCOMMITTED,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
