package dev.streamlab.kafka.actions;

import dev.streamlab.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consumers that run inside the lab, so a learner can watch a group share partitions, rebalance when one leaves,
 * and fall behind when one is slow or paused. Each one is a real member of its group on its own thread.
 */
public final class DemoConsumers implements AutoCloseable {
    /** How many demo consumers may run at once: each is a thread and a connection on the learner's machine. */
    public static final int DEFAULT_LIMIT = 16;
    /** The fastest "slow" consumer; above this, a limit shows nothing that 0 (full speed) does not. */
    public static final int MAX_RECORDS_PER_SECOND = 10_000;
    /** Modest batches, so a slow or paused consumer visibly leaves records behind instead of grabbing a heap. */
    static final int MAX_POLL_RECORDS = 100;

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Cluster cluster;
    private final KafkaClients clients;
    private final int limit;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, DemoConsumer> consumers = new LinkedHashMap<>();
    private boolean closed;

    DemoConsumers(Cluster cluster, KafkaClients clients, int limit) {
        this.cluster = cluster;
        this.clients = clients;
        this.limit = limit;
    }

    /**
     * Starts a consumer in {@code group} reading {@code request.topic()} from the group's committed offsets (or the
     * earliest record when the group has none).
     *
     * @throws ActionException FORBIDDEN for Kafka's internal topics, BAD_REQUEST for a missing or illegal group or topic name or a negative or huge speed, NOT_FOUND
     *                         when the topic does not exist, CONFLICT when {@link #limit()} consumers already run
     */
    public DemoConsumerView start(String group, StartConsumerRequest request) {
        if (group == null || group.isBlank()) {
            throw ActionException.badRequest("say which consumer group the consumer joins: the group name is empty.");
        }
        TopicActions.checkGroup(group);
        int rate = request.recordsPerSecond() == null ? 0 : request.recordsPerSecond();
        if (rate < 0 || rate > MAX_RECORDS_PER_SECOND) {
            throw ActionException.badRequest("recordsPerSecond must be 0 (as fast as possible) or from 1 to "
                    + MAX_RECORDS_PER_SECOND + " (a slow consumer, to watch lag grow), got " + rate + ".");
        }
        String topic = request.topic();
        TopicActions.refuseInternal(topic, "Its records are Kafka's own binary bookkeeping, and a demo group on it "
                + "would show nothing of how groups share a learner's topic");
        cluster.partitions(topic);
        DemoConsumer consumer;
        synchronized (this) {
            if (closed) {
                throw new ActionException(Problem.UNAVAILABLE, "the lab is shutting down; start it again and retry.");
            }
            if (consumers.size() >= limit) {
                throw ActionException.conflict("the lab runs at most " + limit + " demo consumers at once (each is a "
                        + "thread and a connection on this machine); press Stop on one under \"Demo consumers inside the "
                        + "lab\" first (from a script: DELETE /api/consumers/{id}).");
            }
            String id = "consumer-" + sequence.incrementAndGet();
            consumer = new DemoConsumer(id, group, topic, rate, newConsumer(id, group, rate));
            consumers.put(id, consumer);
        }
        consumer.start();
        return consumer.view();
    }

    /** The running demo consumers, oldest first. */
    public synchronized List<DemoConsumerView> list() {
        return consumers.values().stream().map(DemoConsumer::view).toList();
    }

    /**
     * Pauses fetching on all the consumer's partitions. It keeps polling, so it stays in its group and keeps its
     * partitions, but reads nothing: its committed offsets stand still while producers go on, and its lag grows.
     */
    public DemoConsumerView pause(String id) {
        DemoConsumer consumer = find(id);
        consumer.setPaused(true);
        return consumer.view();
    }

    /** Resumes a paused consumer; it catches up from where it stopped. */
    public DemoConsumerView resume(String id) {
        DemoConsumer consumer = find(id);
        consumer.setPaused(false);
        return consumer.view();
    }

    /** Stops the consumer; it leaves its group, which hands its partitions to the group's other members. */
    public void stop(String id) {
        DemoConsumer consumer;
        synchronized (this) {
            consumer = consumers.remove(id);
        }
        if (consumer == null) {
            throw notFound(id);
        }
        consumer.stop();
        consumer.awaitStopped(STOP_TIMEOUT);
    }

    /** The ids of the demo consumers in {@code group}, for messages that tell the learner which ones to stop. */
    public synchronized List<String> idsInGroup(String group) {
        return consumers.values().stream().filter(c -> c.group().equals(group)).map(DemoConsumer::id).toList();
    }

    public int limit() {
        return limit;
    }

    @Override
    public void close() {
        List<DemoConsumer> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(consumers.values());
            consumers.clear();
        }
        all.forEach(DemoConsumer::stop);
        all.forEach(c -> c.awaitStopped(STOP_TIMEOUT));
    }

    private synchronized DemoConsumer find(String id) {
        DemoConsumer consumer = consumers.get(id);
        if (consumer == null) {
            throw notFound(id);
        }
        return consumer;
    }

    private static ActionException notFound(String id) {
        return ActionException.notFound("there is no demo consumer \"" + id + "\"; GET /api/consumers lists the ones "
                + "that run.");
    }

    private KafkaConsumer<byte[], byte[]> newConsumer(String id, String group, int rate) {
        return new KafkaConsumer<>(clients.config(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.CLIENT_ID_CONFIG, "streamlab-demo-" + id,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, rate == 0 ? MAX_POLL_RECORDS : Math.min(rate, 50),
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) cluster.timeout().toMillis(),
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000,
                // a topic the learner deletes while this consumer runs must stay deleted, not come back empty
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)));
    }
}
