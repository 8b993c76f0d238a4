package dev.streamlab.kafka.aggregate;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.kafka.actions.Problem;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The batch job: reads a topic as it stands when the job starts and stops. It takes each partition's end offset
 * first, reads from the log start up to those ends and no further, so its input is bounded and its answer final
 * for that input, however many records arrive meanwhile. It uses no consumer group and commits nothing.
 */
public final class BatchJob {
    /** How long the job waits for Kafka (metadata, offsets, a poll without progress) before it gives up. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private BatchJob() {
    }

    /**
     * Runs the job once over {@code topic}.
     *
     * @throws ActionException NOT_FOUND when the topic does not exist, UNAVAILABLE when Kafka does not answer
     */
    public static BatchResult run(KafkaClients clients, String topic, Clock clock) {
        long ranAt = clock.millis();
        long startNanos = System.nanoTime();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config(clients))) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            // The ends first: they are the bound. Whatever is appended after this line is the next run's business.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, TIMEOUT);
            starts.forEach(consumer::seek);
            Tally tally = new Tally();
            Set<TopicPartition> unfinished = new HashSet<>();
            for (TopicPartition tp : partitions) {
                if (starts.get(tp) < ends.get(tp)) {
                    unfinished.add(tp);
                } else {
                    consumer.pause(List.of(tp));
                }
            }
            long recordsRead = 0;
            long lastProgress = System.nanoTime();
            while (!unfinished.isEmpty()) {
                boolean progressed = false;
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < ends.get(tp)) {
                        tally.add(record.value());
                        recordsRead++;
                        progressed = true;
                    }
                }
                for (TopicPartition tp : List.copyOf(unfinished)) {
                    // Transaction markers take offsets without being records, so the position is what says "done".
                    if (consumer.position(tp, TIMEOUT) >= ends.get(tp)) {
                        unfinished.remove(tp);
                        consumer.pause(List.of(tp));
                        progressed = true;
                    }
                }
                if (progressed) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > TIMEOUT.toNanos()) {
                    throw unavailable(topic, clients.bootstrapServers());
                }
            }
            long tookMs = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
            return new BatchResult(topic, tally.totals(), byPartition(starts), byPartition(ends), recordsRead, ranAt,
                    tookMs);
        } catch (TimeoutException e) {
            throw unavailable(topic, clients.bootstrapServers());
        } catch (KafkaException e) {
            throw new ActionException(Problem.UNAVAILABLE, "the batch job could not read " + topic + ": "
                    + e.getMessage() + "; retry once Kafka answers again.");
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new ActionException(Problem.NOT_FOUND, "there is no topic \"" + topic + "\" to read; create it "
                    + "first (the demo's Reset button does), or check the name.");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList();
    }

    private static ActionException unavailable(String topic, String bootstrap) {
        return new ActionException(Problem.UNAVAILABLE, "Kafka at " + bootstrap + " is not answering, so the batch job "
                + "could not read " + topic + "; start it again and retry.");
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> result = new TreeMap<>();
        offsets.forEach((tp, offset) -> result.put(tp.partition(), offset));
        return result;
    }

    private static Map<String, Object> config(KafkaClients clients) {
        Map<String, Object> config = new HashMap<>(clients.config(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "streamlab-batch-job-" + SEQUENCE.incrementAndGet(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis())));
        // What the job relies on, whatever the user's client properties say: no group, nothing committed.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return config;
    }
}
