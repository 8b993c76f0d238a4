package dev.streamlab.kafka.guarantees;

import dev.streamlab.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a whole topic to its current end, without a group: what a checker or a restarting worker does. */
public final class TopicReader {
    public static final String READ_COMMITTED = "read_committed";
    public static final String READ_UNCOMMITTED = "read_uncommitted";

    private TopicReader() {
    }

    /** A consumer without a group; {@code isolation} is {@code read_committed} or {@code read_uncommitted}. */
    static KafkaConsumer<String, String> consumer(KafkaClients clients, String clientId, String isolation) {
        return new KafkaConsumer<>(clients.config(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)));
    }

    /**
     * Every record of {@code topic} from the beginning to the end offsets taken when reading starts: the high
     * watermark for read_uncommitted, the last stable offset for read_committed (so an open transaction does not
     * stall the read; its records are simply not there yet).
     */
    public static List<ConsumerRecord<String, String>> readAll(KafkaClients clients, String topic, String isolation,
                                                               Duration timeout) {
        try (KafkaConsumer<String, String> consumer = consumer(clients, "streamlab-reader", isolation)) {
            return readAll(consumer, topic, timeout);
        }
    }

    static List<ConsumerRecord<String, String>> readAll(KafkaConsumer<String, String> consumer, String topic,
                                                        Duration timeout) {
        List<TopicPartition> partitions = partitions(consumer, topic, timeout);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " to its end " + end + " within " + timeout);
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    records.add(r);
                }
            }
        }
        return records;
    }

    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
        var infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("no topic " + topic);
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }
}
