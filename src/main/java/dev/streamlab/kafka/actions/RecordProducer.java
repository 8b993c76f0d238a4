package dev.streamlab.kafka.actions;

import dev.streamlab.kafka.KafkaClients;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * Writes one record at a time for the learner and says where it landed and why. One producer, shared by all
 * requests and kept for the lab's lifetime (Kafka producers are thread-safe and expensive to create).
 */
public final class RecordProducer implements AutoCloseable {
    /** How long a send may take before the lab reports the broker as not answering. */
    static final int DELIVERY_SECONDS = 5;
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(DELIVERY_SECONDS);

    private final Cluster cluster;
    private final KafkaClients clients;
    private Producer<String, String> producer;
    private boolean closed;
    /** The id each topic had when this producer last wrote to it, to notice a topic deleted and created again. */
    private final Map<String, Uuid> topicIds = new HashMap<>();

    RecordProducer(Cluster cluster, KafkaClients clients) {
        this.cluster = cluster;
        this.clients = clients;
    }

    /**
     * The shared producer for writing to {@code topic}, made on first use, and made anew when the topic was deleted
     * and created again since this producer last wrote to it: Kafka's producer keeps the old topic id in its metadata
     * and retries against it until the delivery timeout, which would read as "Kafka is not answering".
     */
    private synchronized Producer<String, String> producer(String topic, Uuid topicId) {
        if (closed) {
            throw new ActionException(Problem.UNAVAILABLE, "the lab is shutting down; start it again and retry.");
        }
        Uuid known = topicIds.get(topic);
        if (producer != null && known != null && !known.equals(topicId)) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
            topicIds.clear();
        }
        if (producer == null) {
            producer = newProducer(clients);
        }
        if (topicIds.size() >= MAX_REMEMBERED_TOPICS) {
            topicIds.clear(); // bounded; forgetting only costs the check for a topic not written to lately
        }
        topicIds.put(topic, topicId);
        return producer;
    }

    private static final int MAX_REMEMBERED_TOPICS = 10_000;

    /** How many times the current producer had to send a batch again (Kafka's {@code record-retry-total}). */
    synchronized double retries() {
        if (producer == null) {
            return 0;
        }
        return producer.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("record-retry-total") && e.getKey().group().equals("producer-metrics"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    private static Producer<String, String> newProducer(KafkaClients clients) {
        return new KafkaProducer<>(clients.config(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "streamlab-actions-producer",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                // delivery.timeout.ms must cover linger.ms + request.timeout.ms; max.block.ms bounds the wait for
                // metadata, which is where a send to a stopped broker would otherwise hang for a minute.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis() - 1000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, DELIVERY_TIMEOUT.toMillis(),
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
    }

    /**
     * Writes the record to an existing topic and waits until all in-sync replicas have it ({@code acks=all}).
     *
     * @throws ActionException FORBIDDEN for Kafka's internal topics, NOT_FOUND for a missing topic (never auto-created), BAD_REQUEST for a partition out of
     *                         range, an unreadable event time or a record the broker refuses, UNAVAILABLE when Kafka
     *                         does not answer within about {@value #DELIVERY_SECONDS} seconds
     */
    public ProducedRecord produce(String topic, ProduceRequest request) {
        TopicActions.refuseInternal(topic, "Writing to it would corrupt what Kafka keeps there for every client");
        TopicDescription description = cluster.describe(topic);
        int partitions = description.partitions().size();
        Integer partition = request.partition();
        if (partition != null && (partition < 0 || partition >= partitions)) {
            throw ActionException.badRequest("topic " + topic + " has " + partitions + " partition"
                    + (partitions == 1 ? " (only 0)" : "s (0-" + (partitions - 1) + ")") + ", so there is no partition "
                    + partition + "; pick one of those, or leave out \"partition\" to let Kafka choose.");
        }
        Instant eventTime = request.eventTime() == null ? null : EventTimes.parse("eventTime", request.eventTime());
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition,
                eventTime == null ? null : eventTime.toEpochMilli(), request.key(), request.value(),
                headers(request.headers()));

        Future<RecordMetadata> sent;
        try {
            sent = producer(topic, description.topicId()).send(record);
        } catch (KafkaException e) {
            throw ActionException.badRequest("Kafka's producer refused the record: " + e.getMessage());
        }
        RecordMetadata written = cluster.await(sent, cause -> {
            if (cause instanceof UnknownTopicOrPartitionException) {
                return Cluster.noSuchTopic(topic);
            }
            if (cause instanceof InvalidTimestampException) {
                return ActionException.badRequest("the broker refused the event time " + eventTime + ": " + cause.getMessage()
                        + " (by default Kafka accepts timestamps at most one hour in the future).");
            }
            if (cause instanceof RecordTooLargeException) {
                return ActionException.badRequest("the record is too large for Kafka: " + cause.getMessage()
                        + " Send a smaller value, or raise max.message.bytes on the topic.");
            }
            return null;
        });
        return new ProducedRecord(topic, written.partition(), written.offset(), written.timestamp(),
                timestampText(eventTime, written.timestamp()), reason(request, partitions, written.partition()));
    }

    private static String timestampText(Instant eventTime, long written) {
        Instant stored = Instant.ofEpochMilli(written);
        if (eventTime == null) {
            return "no eventTime given, so the record's timestamp is the moment it was sent: " + stored;
        }
        if (eventTime.toEpochMilli() == written) {
            return "the record's timestamp (CreateTime) is the eventTime you gave: " + stored;
        }
        return "the topic uses LogAppendTime, so the broker replaced your eventTime " + eventTime
                + " with the time it appended the record: " + stored;
    }

    static PartitionReason reason(ProduceRequest request, int partitions, int actual) {
        String key = request.key();
        Integer hash = key == null ? null : hash(key);
        if (request.partition() != null) {
            String byKey = key == null ? "" : " (by its key \"" + key + "\" it would have gone to partition "
                    + hash % partitions + ")";
            return new PartitionReason(PartitionReason.CHOSEN, "you chose partition " + actual
                    + ", so Kafka wrote it there without asking the partitioner" + byKey, hash, partitions);
        }
        if (key != null) {
            int partition = hash % partitions;
            return new PartitionReason(PartitionReason.KEY_HASH, "key \"" + key + "\": murmur2 hash " + hash + " mod "
                    + partitions + " partition" + (partitions == 1 ? "" : "s") + " = " + partition
                    + ", so every record with this key lands in partition " + partition
                    + " (as long as the topic keeps " + partitions + " partition" + (partitions == 1 ? "" : "s") + ")",
                    hash, partitions);
        }
        return new PartitionReason(PartitionReason.STICKY, "no key and no partition, so Kafka's sticky partitioner "
                + "chose partition " + actual + ": keyless records stick to one partition until about a batch "
                + "(batch.size, 16384 bytes by default) has gone there, then move on to another, so they spread out "
                + "over time rather than one by one", null, partitions);
    }

    /** The positive murmur2 hash of the key's UTF-8 bytes, exactly as Kafka's default partitioner computes it. */
    public static int hash(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Header> headers(Map<String, String> headers) {
        List<Header> list = new ArrayList<>();
        if (headers != null) {
            headers.forEach((name, value) -> list.add(new RecordHeader(name,
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8))));
        }
        return list;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
        }
    }
}
