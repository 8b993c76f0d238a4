package dev.streamlab.kafka;

import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.Kafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded broker keeps everything in its data directory across a clean stop and start. */
class EmbeddedBrokerRestartTest {

    @Test
    void aRestartedBrokerStillHasTheTopicItsRecordsAndTheGroupsCommittedOffsets(@TempDir Path dataDir) throws Exception {
        int port = FreePorts.next();
        String clusterId;
        try (EmbeddedBroker broker = TestBroker.startOwn(dataDir, port)) {
            clusterId = broker.clusterId();
            Kafka.createTopic(broker.bootstrapServers(), "clicks", 2);
            Kafka.produce(broker.bootstrapServers(), "clicks", IntStream.range(0, 10)
                    .mapToObj(i -> new ProducerRecord<>("clicks", "user-" + i, "click-" + i)).toList());
            try (KafkaConsumer<String, String> consumer = Kafka.consumer(broker.bootstrapServers(), "dashboard", Map.of())) {
                consumer.subscribe(List.of("clicks"));
                assertEquals(10, Kafka.pollUntil(consumer, 10, Duration.ofSeconds(20)).size());
                consumer.commitSync();
            }
        }

        // A new controller port on purpose: the lab picks one per start.
        try (EmbeddedBroker broker = TestBroker.startOwn(dataDir, port)) {
            assertEquals(clusterId, broker.clusterId());
            List<ConsumerRecord<String, String>> records = Kafka.readAll(broker.bootstrapServers(), "clicks", "read_uncommitted");
            assertEquals(10, records.size());
            Map<TopicPartition, OffsetAndMetadata> offsets = Kafka.committedOffsets(broker.bootstrapServers(), "dashboard");
            assertEquals(10, offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum(),
                    "the group's committed offsets add up to every record it read");
            assertTrue(offsets.keySet().stream().allMatch(tp -> tp.topic().equals("clicks")));
        }
    }

}
