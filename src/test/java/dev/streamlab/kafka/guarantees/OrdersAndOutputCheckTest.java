package dev.streamlab.kafka.guarantees;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chapter's input and the check that judges any pipeline's output against it. */
class OrdersAndOutputCheckTest {
    private final String bootstrap = TestBroker.bootstrapServers();
    private final KafkaClients clients = new KafkaClients(bootstrap, Map.of());

    @Test
    void anOrderIsWrittenInCurrencyUnitsAndEpochSecondsAndReadBackUnchanged() {
        Order order = new Order("o-000042", "cust-3", 1250, 1_795_605_600_000L);
        assertEquals("{\"order_id\":\"o-000042\",\"customer\":\"cust-3\",\"amount\":12.5,\"event_time\":1795605600}",
                order.toJson());
        assertEquals(order, Order.parse(order.toJson()));
        assertEquals(new Order("o-1", "c", 1999, 1000), Order.parse(
                "{\"order_id\":\"o-1\",\"customer\":\"c\",\"amount\":19.99,\"event_time\":1}"));
        assertEquals("{\"order_id\":\"o-1\",\"customer\":\"c\",\"amount\":3,\"total\":123.4}",
                new OutputRecord("o-1", "c", 300, 12340).toJson());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Order.parse("{\"order_id\":\"o-1\",\"customer\":\"c\",\"event_time\":1}"));
        assertTrue(e.getMessage().contains("\"amount\""), e.getMessage());
    }

    @Test
    void anOrdersEventTimeIsReadByTheLabsOneRuleInSecondsMillisecondsOrIsoText() {
        String order = "{\"order_id\":\"o-1\",\"customer\":\"c\",\"amount\":1,\"event_time\":%s}";
        long firstOrder = 1_795_605_600_000L; // 2026-11-25T11:20:00Z
        assertEquals(firstOrder, Order.parse(order.formatted("1795605600")).eventTimeMs());
        assertEquals(firstOrder, Order.parse(order.formatted("1795605600000")).eventTimeMs());
        assertEquals(firstOrder, Order.parse(order.formatted("\"2026-11-25T11:20:00Z\"")).eventTimeMs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Order.parse(order.formatted("\"noon\"")));
        assertTrue(e.getMessage().startsWith("an order needs an \"event_time\""), e.getMessage());
    }

    @Test
    void generatedOrdersAreTheSameForTheSameSeedAndDifferForAnother() {
        List<Order> a = Orders.generate(500, 7, 42);
        assertEquals(a, Orders.generate(500, 7, 42));
        assertFalse(a.equals(Orders.generate(500, 7, 43)));
        assertEquals("o-000001", a.get(0).orderId());
        assertEquals(7, Orders.totalsCents(a).size());
    }

    @Test
    void theComparisonNamesLostAndDuplicatedOrdersAndWrongTotals() {
        List<Order> in = List.of(new Order("o-1", "a", 100, 0), new Order("o-2", "a", 200, 0),
                new Order("o-3", "b", 50, 0));
        OutputCheck.Result exact = OutputCheck.compare(in, List.of(new OutputRecord("o-1", "a", 100, 100),
                new OutputRecord("o-3", "b", 50, 50), new OutputRecord("o-2", "a", 200, 300)));
        assertTrue(exact.exact() && exact.totalsRight(), exact.verdict());
        assertEquals("exact: 3 of 3 orders once each; totals right", exact.verdict());

        OutputCheck.Result wrong = OutputCheck.compare(in, List.of(new OutputRecord("o-1", "a", 100, 100),
                new OutputRecord("o-1", "a", 100, 200), new OutputRecord("o-3", "b", 50, 50)));
        assertEquals(List.of("o-2"), wrong.lost());
        assertEquals(List.of("o-1"), wrong.duplicated());
        assertEquals(2, wrong.distinctSeen());
        assertFalse(wrong.exact());
        assertFalse(wrong.totalsRight());
        assertEquals("1 of 3 orders lost (first o-2), 1 orders written more than once (first o-1); "
                + "1 of 2 customer totals wrong", wrong.verdict());
    }

    @Test
    void ordersProducedToATopicComeBackKeyedByCustomerAndAWorkersFaithfulOutputChecksExact() {
        String input = Names.unique("orders");
        String output = Names.unique("totals");
        Kafka.createTopic(bootstrap, input, 3);
        Kafka.createTopic(bootstrap, output, 3);
        List<Order> orders = Orders.generate(200, 5, 7);
        Orders.produce(clients, input, orders);

        var read = TopicReader.readAll(clients, input, TopicReader.READ_COMMITTED, java.time.Duration.ofSeconds(20));
        assertEquals(200, read.size());
        read.forEach(r -> assertEquals(Order.parse(r.value()).customer(), r.key()));

        Map<String, Long> totals = new HashMap<>();
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        for (Order o : orders) {
            long total = totals.merge(o.customer(), o.amountCents(), Long::sum);
            out.add(new ProducerRecord<>(output, o.customer(),
                    new OutputRecord(o.orderId(), o.customer(), o.amountCents(), total).toJson()));
        }
        Kafka.produce(bootstrap, output, out);

        OutputCheck.Result result = OutputCheck.check(clients, output, orders);
        assertTrue(result.exact() && result.totalsRight(), result.verdict());
        assertTrue(OutputCheck.upsertMode(clients, output, orders).right());
        assertFalse(OutputCheck.upsertMode(clients, output, orders.subList(0, 199)).right());
    }

    @Test
    void evidenceCountsAbortedRecordsAndTransactionMarkers() {
        String topic = Names.unique("tx-out");
        Kafka.createTopic(bootstrap, topic, 1);
        try (KafkaProducer<String, String> producer = Kafka.producer(bootstrap, Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, Names.unique("tx")))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "1"));
            producer.send(new ProducerRecord<>(topic, "a", "2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "3"));
            producer.flush();
            producer.abortTransaction();
        }
        OutputCheck.Evidence evidence = OutputCheck.evidence(clients, topic);
        assertEquals(new OutputCheck.Evidence(5, 3, 2), evidence, evidence.summary());
        assertEquals(1, evidence.abortedRecords());
        assertEquals(2, evidence.controlMarkers());
    }
}
