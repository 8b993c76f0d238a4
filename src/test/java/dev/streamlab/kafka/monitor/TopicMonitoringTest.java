package dev.streamlab.kafka.monitor;

import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.streamlab.kafka.monitor.Monitors.awaitSnapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Topics, partitions, offsets and transactions as the monitor sees them on the real broker. */
class TopicMonitoringTest {
    private final String bootstrap = TestBroker.bootstrapServers();
    private final ClusterMonitor monitor = Monitors.started();

    @AfterEach
    void stop() {
        monitor.close();
    }

    @Test
    void aCreatedTopicAppearsWithItsPartitionsAndADeletedOneDisappears() throws Exception {
        String topic = Names.unique("clicks");
        Kafka.createTopic(bootstrap, topic, 2);
        Kafka.produce(bootstrap, topic, List.of(new ProducerRecord<>(topic, 1, "k", "v")));

        TopicState seen = awaitSnapshot(monitor, topic + " with its record", s -> s.topic(topic)
                .flatMap(t -> t.partition(1)).filter(p -> p.highWatermark() == 1).isPresent()).topic(topic).orElseThrow();
        assertFalse(seen.internal());
        assertEquals(List.of(0, 1), seen.partitions().stream().map(PartitionState::partition).toList());
        PartitionState partition = seen.partition(1).orElseThrow();
        assertEquals(List.of(partition.leader()), partition.replicas());
        assertEquals(partition.replicas(), partition.isr());
        assertEquals(0, partition.logStartOffset());
        assertEquals(1, partition.lastStableOffset());
        assertEquals(0, seen.partition(0).orElseThrow().highWatermark());
        assertEquals(1, seen.records());
        assertTrue(partition.activeProducers().stream().noneMatch(ProducerState::inTransaction),
                partition.activeProducers().toString());

        try (Admin admin = Kafka.admin(bootstrap)) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
        awaitSnapshot(monitor, topic + " gone", s -> s.reachable() && s.topic(topic).isEmpty());
    }

    @Test
    void kafkasOwnTopicsAreFlaggedInternal() throws Exception {
        try (Admin admin = Kafka.admin(bootstrap)) {
            // Committing for a group makes sure the broker has created __consumer_offsets.
            String topic = Names.unique("clicks");
            Kafka.createTopic(bootstrap, topic, 1);
            admin.alterConsumerGroupOffsets(Names.unique("g"), Map.of(new TopicPartition(topic, 0),
                    new OffsetAndMetadata(0))).all().get();
        }

        ClusterSnapshot snapshot = awaitSnapshot(monitor, "__consumer_offsets",
                s -> s.topic("__consumer_offsets").isPresent());
        assertTrue(snapshot.topic("__consumer_offsets").orElseThrow().internal());
        assertTrue(snapshot.topics().stream().filter(TopicState::internal).allMatch(t -> t.name().startsWith("__")),
                snapshot.topics().toString());
        assertTrue(snapshot.topic("__consumer_offsets").orElseThrow().partitions().stream()
                .allMatch(p -> p.activeProducers().isEmpty()));
    }

    @Test
    void anOpenTransactionHoldsTheLastStableOffsetBelowTheHighWatermarkUntilItCommits() {
        String topic = Names.unique("payments");
        String transactionalId = Names.unique("tx");
        Kafka.createTopic(bootstrap, topic, 1);
        try (KafkaProducer<String, String> producer = Kafka.producer(bootstrap,
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k", "v" + i));
            }
            producer.flush();

            ClusterSnapshot open = awaitSnapshot(monitor, "the open transaction",
                    s -> s.topic(topic).flatMap(t -> t.partition(0)).filter(p -> p.highWatermark() == 5).isPresent()
                            && s.transaction(transactionalId).filter(t -> t.state().equals("Ongoing")).isPresent());
            PartitionState during = open.topic(topic).orElseThrow().partition(0).orElseThrow();
            assertEquals(0, during.lastStableOffset());
            assertEquals(5, during.unstableOffsets());
            TransactionState transaction = open.transaction(transactionalId).orElseThrow();
            assertTrue(transaction.open());
            assertEquals(List.of(new TopicPartitionRef(topic, 0)), transaction.partitions());
            assertTrue(transaction.transactionStartTimeMs() > 0, transaction.toString());
            ProducerState active = during.activeProducers().stream()
                    .filter(p -> p.producerId() == transaction.producerId()).findFirst().orElseThrow();
            assertEquals(0, active.currentTransactionStartOffset());
            assertEquals(transaction.producerEpoch(), active.producerEpoch());
            assertEquals(4, active.lastSequence());

            producer.commitTransaction();

            ClusterSnapshot committed = awaitSnapshot(monitor, "the committed transaction",
                    s -> s.transaction(transactionalId).filter(t -> t.state().equals("CompleteCommit")).isPresent()
                            && s.topic(topic).flatMap(t -> t.partition(0))
                            .filter(p -> p.lastStableOffset() == p.highWatermark()).isPresent());
            PartitionState after = committed.topic(topic).orElseThrow().partition(0).orElseThrow();
            assertEquals(6, after.highWatermark(), "five records and the commit marker");
            TransactionState done = committed.transaction(transactionalId).orElseThrow();
            assertFalse(done.open());
            assertEquals(List.of(), done.partitions());
            assertEquals(transaction.transactionStartTimeMs(), done.transactionStartTimeMs(), "Kafka keeps the last start");
            assertTrue(after.activeProducers().stream().noneMatch(ProducerState::inTransaction));
        }
    }
}
