package dev.streamlab.kafka.tail;

import dev.streamlab.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Follows one topic as records arrive and hands each non-empty poll to a sink as one {@link TailBatch}.
 *
 * <p>It owns a consumer without a group (assign and seek, nothing committed) polled by its own daemon thread, so
 * it changes nothing on the cluster and a learner's consumer groups never see it. Every {@link #CHECK_INTERVAL} it
 * asks for the topic's partitions (and picks up new ones, read from their log start) and for their end offsets,
 * which is how it notices that Kafka stopped answering.
 *
 * <p>Problems go to the {@code problems} callback on the tail's thread, only when they change: a one-line message
 * when one starts, {@code null} when it is over. "Kafka is not answering" ({@link #NOT_ANSWERING}) and errors the
 * consumer may recover from clear by themselves; a deleted topic or a refused authorization is the last message: the
 * tail then stops ({@link #isRunning()} turns false) and its problem stays. Exceptions thrown by the sink or the
 * problems callback are logged and never stop the tail.
 */
public final class RecordTail implements AutoCloseable {
    /** The longest a poll waits for records; short, so a record reaches the sink within milliseconds. */
    public static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /** How often the tail looks for new partitions and checks that Kafka answers. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(3);
    /** How long {@link #open} waits for Kafka to describe the topic before giving up. */
    public static final Duration OPEN_TIMEOUT = Duration.ofSeconds(5);
    /** The problem reported while Kafka does not answer; followed by {@code null} when it answers again. */
    public static final String NOT_ANSWERING = "Kafka is not answering; the tail resumes when it is back";

    private static final Logger LOG = LoggerFactory.getLogger(RecordTail.class);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final long SINK_LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final AtomicLong CLIENT_SEQUENCE = new AtomicLong();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Isolation isolation;
    private final StartPosition start;
    private final Map<Integer, Long> startOffsets;
    private final Consumer<TailBatch> sink;
    private final Consumer<String> problems;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile String problem;
    private int checksWithoutTopic;
    private long lastSinkLog = System.nanoTime() - SINK_LOG_EVERY_NANOS;
    private long sinkFailures;

    private RecordTail(KafkaConsumer<byte[], byte[]> consumer, String topic, Isolation isolation, StartPosition start,
                       Map<Integer, Long> startOffsets, Consumer<TailBatch> sink, Consumer<String> problems) {
        this.consumer = consumer;
        this.topic = topic;
        this.isolation = isolation;
        this.start = start;
        this.startOffsets = startOffsets;
        this.sink = sink;
        this.problems = problems;
        this.thread = new Thread(this::run, "streamlab-tail-" + topic);
        this.thread.setDaemon(true);
    }

    /**
     * Positions a new tail on every partition of {@code topic} and starts it; the first records it delivers are those
     * at {@code start}. Throws {@link TailException} when the topic does not exist or Kafka does not answer within
     * {@link #OPEN_TIMEOUT}.
     */
    public static RecordTail open(KafkaClients clients, String topic, Isolation isolation, StartPosition start,
                                  Consumer<TailBatch> sink, Consumer<String> problems) {
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(problems, "problems");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("say which topic to tail");
        }
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(clients, topic, isolation));
        try {
            Map<Integer, Long> offsets = position(consumer, topic, start, clients.bootstrapServers());
            RecordTail tail = new RecordTail(consumer, topic, isolation, start, offsets, sink, problems);
            tail.thread.start();
            return tail;
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** How long a topic missing from the metadata at open may take to appear (it may have just been created). */
    static final Duration NEW_TOPIC_GRACE = Duration.ofSeconds(2);

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, Object> consumerConfig(KafkaClients clients, String topic, Isolation isolation) {
        Map<String, Object> config = clients.config(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "streamlab-tail-" + topic + "-" + CLIENT_SEQUENCE.incrementAndGet(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // Partitions added later show in partitionsFor() only after a metadata refresh.
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) CHECK_INTERVAL.toMillis(),
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) OPEN_TIMEOUT.toMillis(),
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
        // What the tail relies on, whatever the user's client properties say.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.kafkaName());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    private static Map<Integer, Long> position(KafkaConsumer<byte[], byte[]> consumer, String topic,
                                               StartPosition start, String bootstrapServers) {
        try {
            List<TopicPartition> partitions = partitions(consumer.partitionsFor(topic, OPEN_TIMEOUT));
            // A topic created a moment ago may not be in the metadata yet: a page opened right after creating it
            // must not be told it does not exist.
            long giveUpAt = System.nanoTime() + NEW_TOPIC_GRACE.toNanos();
            while (partitions.isEmpty() && System.nanoTime() < giveUpAt) {
                sleep(Duration.ofMillis(100));
                partitions = partitions(consumer.partitionsFor(topic, OPEN_TIMEOUT));
            }
            if (partitions.isEmpty()) {
                throw TailException.topicMissing(topic);
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> offsets = startOffsets(consumer, partitions, start, OPEN_TIMEOUT);
            offsets.forEach(consumer::seek);
            Map<Integer, Long> byPartition = new TreeMap<>();
            offsets.forEach((tp, offset) -> byPartition.put(tp.partition(), offset));
            return byPartition;
        } catch (InvalidTopicException e) {
            throw TailException.topicMissing(topic);
        } catch (TimeoutException e) {
            throw TailException.unreachable(topic, bootstrapServers, e);
        }
    }

    /** Where each partition starts: the rules of {@link StartPosition}, evaluated now. */
    private static Map<TopicPartition, Long> startOffsets(KafkaConsumer<byte[], byte[]> consumer,
                                                          Collection<TopicPartition> partitions, StartPosition start,
                                                          Duration timeout) {
        Map<TopicPartition, Long> logStart = consumer.beginningOffsets(partitions, timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (start instanceof StartPosition.End e) {
            partitions.forEach(tp -> offsets.put(tp, Math.max(logStart.get(tp), end.get(tp) - e.backlogPerPartition())));
        } else if (start instanceof StartPosition.FromOffset o) {
            partitions.forEach(tp -> offsets.put(tp, clamp(o.offset(), logStart.get(tp), end.get(tp))));
        } else if (start instanceof StartPosition.FromTime t) {
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(tp -> times.put(tp, t.time().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, timeout);
            partitions.forEach(tp -> {
                OffsetAndTimestamp at = found.get(tp);
                offsets.put(tp, at == null ? end.get(tp) : clamp(at.offset(), logStart.get(tp), end.get(tp)));
            });
        } else {
            throw new IllegalArgumentException("unknown start position " + start);
        }
        return offsets;
    }

    private static long clamp(long offset, long min, long max) {
        return Math.max(min, Math.min(max, offset));
    }

    private static List<TopicPartition> partitions(List<PartitionInfo> infos) {
        if (infos == null) {
            return List.of();
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    public String topic() {
        return topic;
    }

    public Isolation isolation() {
        return isolation;
    }

    public StartPosition start() {
        return start;
    }

    /** The offset each partition that existed at {@link #open} started from, by partition number. */
    public Map<Integer, Long> startOffsets() {
        return Map.copyOf(startOffsets);
    }

    /** The problem last reported, or null when there is none. */
    public String problem() {
        return problem;
    }

    /** False once the tail was closed or stopped by itself (topic deleted, access refused). */
    public boolean isRunning() {
        return thread.isAlive();
    }

    private void run() {
        long nextCheck = System.nanoTime() + CHECK_INTERVAL.toNanos();
        try {
            while (closing.getCount() > 0) {
                try {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                    if (!records.isEmpty()) {
                        report(null);
                        deliver(records);
                    }
                    if (System.nanoTime() - nextCheck >= 0) {
                        if (!check()) {
                            return;
                        }
                        nextCheck = System.nanoTime() + CHECK_INTERVAL.toNanos();
                    }
                } catch (WakeupException e) {
                    // close() woke us up; the loop condition ends the tail
                } catch (AuthenticationException | AuthorizationException | InvalidTopicException e) {
                    report("the tail of " + topic + " stopped: " + e.getMessage());
                    return;
                } catch (KafkaException e) {
                    LOG.warn("The tail of {} failed to poll and retries: {}", topic, e.toString());
                    report("the tail of " + topic + " is retrying after an error: " + e.getMessage());
                    pause(RETRY_PAUSE);
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("The tail of {} stopped unexpectedly", topic, e);
            report("the tail of " + topic + " stopped: " + e);
            throw e;
        } finally {
            try {
                consumer.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                LOG.debug("Closing the consumer of the tail of {} failed", topic, e);
            }
        }
    }

    /**
     * Picks up new partitions and finds out whether Kafka answers; false when the topic is gone and the tail stops.
     * A topic must be missing twice in a row: a single answer could come from a broker still catching up.
     */
    private boolean check() {
        try {
            List<TopicPartition> partitions = partitions(consumer.partitionsFor(topic, CHECK_TIMEOUT));
            if (partitions.isEmpty()) {
                if (++checksWithoutTopic >= 2) {
                    report("topic " + topic + " was deleted; the tail stopped");
                    return false;
                }
                return true;
            }
            checksWithoutTopic = 0;
            Set<TopicPartition> added = new HashSet<>(partitions);
            added.removeAll(consumer.assignment());
            if (!added.isEmpty()) {
                Map<TopicPartition, Long> logStart = consumer.beginningOffsets(added, CHECK_TIMEOUT);
                consumer.assign(partitions);
                logStart.forEach(consumer::seek);
                LOG.info("The tail of {} now also reads partitions {}", topic,
                        added.stream().map(TopicPartition::partition).sorted().toList());
            }
            // An answer about the end offsets means the partition leaders are there.
            consumer.endOffsets(consumer.assignment(), CHECK_TIMEOUT);
            report(null);
        } catch (TimeoutException e) {
            report(NOT_ANSWERING);
        }
        return true;
    }

    private void deliver(ConsumerRecords<byte[], byte[]> records) {
        List<TailRecord> shown = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            shown.add(RecordText.of(record));
        }
        try {
            sink.accept(new TailBatch(topic, isolation, shown));
        } catch (RuntimeException e) {
            sinkFailures++;
            if (System.nanoTime() - lastSinkLog >= SINK_LOG_EVERY_NANOS) {
                lastSinkLog = System.nanoTime();
                LOG.warn("The sink of the tail of {} failed ({} times so far); the tail goes on", topic, sinkFailures, e);
            }
        }
    }

    /** Tells the problems callback when the problem changed; never while closing. */
    private void report(String newProblem) {
        if (Objects.equals(problem, newProblem) || closing.getCount() == 0) {
            return;
        }
        problem = newProblem;
        if (newProblem != null) {
            LOG.info("Tail of {}: {}", topic, newProblem);
        }
        try {
            problems.accept(newProblem);
        } catch (RuntimeException e) {
            LOG.warn("The problems callback of the tail of {} failed", topic, e);
        }
    }

    private void pause(Duration duration) {
        try {
            closing.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing.countDown();
        }
    }

    /**
     * Stops the tail: wakes its consumer and waits up to two seconds for the thread to end. Safe to call more than
     * once and from the sink itself (then it does not wait). No batch is delivered once it returned.
     */
    @Override
    public void close() {
        closing.countDown();
        if (!thread.isAlive()) {
            return;
        }
        consumer.wakeup();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The tail of {} did not stop within {} ms", topic, CLOSE_WAIT.toMillis());
        }
    }
}
