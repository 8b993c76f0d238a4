package dev.streamlab.kafka.aggregate;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.kafka.actions.Problem;
import dev.streamlab.kafka.guarantees.Order;
import dev.streamlab.kafka.guarantees.Orders;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch job on the real broker: a bounded read of the topic as it stood when the job started. */
class BatchJobTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private final String bootstrap = TestBroker.bootstrapServers();
    private final KafkaClients clients = new KafkaClients(bootstrap, Map.of());

    @Test
    void theBatchCountsAndSumsEachCustomersOrdersAndSaysWhereItStopped() {
        String topic = Names.unique("bs-batch");
        Kafka.createTopic(bootstrap, topic, 3);
        List<Order> orders = Orders.generate(40, 4, 7);
        Orders.produce(clients, topic, orders);

        BatchResult result = BatchJob.run(clients, topic, CLOCK);

        assertEquals(40, result.recordsRead());
        assertEquals(40, result.totals().orders());
        assertEquals(Orders.totalsCents(orders), result.totals().customers().stream()
                .collect(Collectors.toMap(CustomerTotal::customer, CustomerTotal::amountCents)));
        Map<String, Long> counts = orders.stream().collect(Collectors.groupingBy(Order::customer, Collectors.counting()));
        result.totals().customers().forEach(c -> assertEquals(counts.get(c.customer()), c.orders(), c.customer()));
        assertEquals(Map.of(0, 0L, 1, 0L, 2, 0L), result.startOffsets());
        assertEquals(40L, result.endOffsets().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(CLOCK.millis(), result.ranAtMs());
    }

    @Test
    void recordsWrittenAfterTheBatchStartedAreNotInItsResultUntilItRunsAgain() {
        String topic = Names.unique("bs-bounded");
        Kafka.createTopic(bootstrap, topic, 2);
        Orders.produce(clients, topic, Orders.generate(10, 3, 1));

        BatchResult first = BatchJob.run(clients, topic, CLOCK);
        Orders.produce(clients, topic, Orders.generate(5, 3, 2));

        assertEquals(10, first.recordsRead(), "a result is final for the input it read");
        BatchResult second = BatchJob.run(clients, topic, CLOCK);
        assertEquals(15, second.recordsRead());
        assertEquals(15L, second.endOffsets().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void whileAProducerKeepsWritingTheBatchReadsExactlyUpToTheEndOffsetsItTookAtTheStart() throws Exception {
        String topic = Names.unique("bs-racing");
        Kafka.createTopic(bootstrap, topic, 3);
        Orders.produce(clients, topic, Orders.generate(200, 5, 3));
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            try (KafkaProducer<String, String> p = Kafka.producer(bootstrap, Map.of())) {
                int i = 0;
                while (writing.get()) {
                    Order o = new Order("late-" + i, "cust-" + (i % 5), 100, 0);
                    p.send(new ProducerRecord<>(topic, o.customer(), o.toJson()));
                    if (++i % 50 == 0) {
                        p.flush();
                    }
                }
                // at least one record certainly after the batch's start
                p.send(new ProducerRecord<>(topic, "cust-0", new Order("last", "cust-0", 100, 0).toJson()));
            }
        });

        BatchResult result = BatchJob.run(clients, topic, CLOCK);
        writing.set(false);
        producer.get();

        List<ConsumerRecord<String, String>> all = Kafka.readAll(bootstrap, topic, "read_uncommitted");
        List<ConsumerRecord<String, String>> before = all.stream()
                .filter(r -> r.offset() < result.endOffsets().get(r.partition())).toList();
        Tally expected = new Tally();
        before.forEach(r -> expected.add(r.value()));
        assertEquals(expected.totals(), result.totals(), "the result is the topic up to the ends, no more, no less");
        assertTrue(all.size() > result.recordsRead(), "records kept arriving and the batch left them out");
    }

    @Test
    void aRecordThatIsNotAnOrderIsCountedAsUnreadableAndNotGuessedAt() {
        String topic = Names.unique("bs-garbage");
        Kafka.createTopic(bootstrap, topic, 1);
        Kafka.produce(bootstrap, topic, List.of(new ProducerRecord<>(topic, "x", "hello"),
                new ProducerRecord<>(topic, "cust-1", new Order("o-1", "cust-1", 1250, 0).toJson())));

        Totals totals = BatchJob.run(clients, topic, CLOCK).totals();

        assertEquals(2, totals.records());
        assertEquals(1, totals.unreadable());
        assertEquals(List.of(new CustomerTotal("cust-1", 1, 1250)), totals.customers());
    }

    @Test
    void anEmptyTopicGivesEmptyTotalsAndEndOffsetsOfZero() {
        String topic = Names.unique("bs-empty");
        Kafka.createTopic(bootstrap, topic, 2);

        BatchResult result = BatchJob.run(clients, topic, CLOCK);

        assertEquals(Totals.empty(), result.totals());
        assertEquals(Map.of(0, 0L, 1, 0L), result.endOffsets());
    }

    @Test
    void aMissingTopicIsNotFoundWithAHintToCreateIt() {
        ActionException e = assertThrows(ActionException.class,
                () -> BatchJob.run(clients, Names.unique("bs-nowhere"), CLOCK));
        assertEquals(Problem.NOT_FOUND, e.problem());
        assertTrue(e.getMessage().contains("Reset"), e.getMessage());
    }
}
