package dev.streamlab.kafka;

import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the learner relies on from the lab's broker: partitions, groups from the earliest offset, transactions. */
class BrokerBehaviourTest {
    private final String bootstrap = TestBroker.bootstrapServers();

    @Test
    void aConsumerGroupReadsEveryRecordOfAThreePartitionTopicFromTheEarliestOffset() {
        String topic = Names.unique("orders");
        Kafka.createTopic(bootstrap, topic, 3);
        List<ProducerRecord<String, String>> sent = IntStream.range(0, 30)
                .mapToObj(i -> new ProducerRecord<>(topic, "cust-" + (i % 6), "order-" + i)).toList();
        Kafka.produce(bootstrap, topic, sent);

        try (KafkaConsumer<String, String> consumer = Kafka.consumer(bootstrap, Names.unique("billing"), Map.of())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = Kafka.pollUntil(consumer, 30, Duration.ofSeconds(20));
            consumer.commitSync();

            assertEquals(sent.stream().map(ProducerRecord::value).collect(Collectors.toSet()),
                    received.stream().map(ConsumerRecord::value).collect(Collectors.toSet()));
            received.forEach(r -> assertEquals(Utils.toPositive(Utils.murmur2(r.key().getBytes(StandardCharsets.UTF_8))) % 3,
                    r.partition(), "a keyed record lands in murmur2(key) mod partitions: " + r.key()));
            Map<String, Set<Integer>> partitionsPerKey = received.stream().collect(Collectors.groupingBy(
                    ConsumerRecord::key, Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
            partitionsPerKey.forEach((key, partitions) -> assertEquals(1, partitions.size(), key + " in " + partitions));
        }
    }

    @Test
    void aReadCommittedConsumerSeesOnlyCommittedTransactionsWhileReadUncommittedSeesAll() {
        String topic = Names.unique("payments");
        Kafka.createTopic(bootstrap, topic, 2);
        try (KafkaProducer<String, String> producer = Kafka.producer(bootstrap, Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, Names.unique("tx")))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "b", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "aborted-1"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "b", "committed-3"));
            producer.commitTransaction();
        }

        List<String> committed = values(Kafka.readAll(bootstrap, topic, "read_committed"));
        List<String> everything = values(Kafka.readAll(bootstrap, topic, "read_uncommitted"));

        assertEquals(Set.of("committed-1", "committed-2", "committed-3"), Set.copyOf(committed));
        assertEquals(3, committed.size());
        assertEquals(Set.of("committed-1", "committed-2", "committed-3", "aborted-1"), Set.copyOf(everything));
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }
}
