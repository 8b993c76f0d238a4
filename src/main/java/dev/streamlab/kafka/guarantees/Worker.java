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
 * {@code processed N (total T)} after each batch is committed, {@code caught up (total T)} when a poll finds
 * nothing left to read, {@code stopped (total T)} on a clean stop.
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

    private final KafkaClients clients;
    private final Settings settings;
    private final Consumer<String> out;
    private final Map<String, Long> totals = new HashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;
    private long processed;

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
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
                continue;
            }
            reportedCaughtUp = false;
            Map<TopicPartition, OffsetAndMetadata> offsets = nextOffsets(batch);
            switch (settings.mode()) {
                case AT_MOST_ONCE -> {
                    c.commitSync(offsets, TIMEOUT);
                    process(batch, producer);
                    producer.flush();
                }
                case AT_LEAST_ONCE -> {
                    process(batch, producer);
                    producer.flush();
                    c.commitSync(offsets, TIMEOUT);
                }
                case EXACTLY_ONCE -> {
                    producer.beginTransaction();
                    process(batch, producer);
                    producer.sendOffsetsToTransaction(offsets, c.groupMetadata());
                    producer.commitTransaction();
                }
            }
            processed += batch.size();
            out.accept("processed " + batch.size() + " (total " + processed + ")");
        }
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
