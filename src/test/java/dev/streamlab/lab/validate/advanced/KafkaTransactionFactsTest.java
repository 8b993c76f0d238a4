package dev.streamlab.lab.validate.advanced;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.guarantees.Orders;
import dev.streamlab.lab.validate.advanced.TestAggregator.Style;
import dev.streamlab.lab.validate.advanced.TransactionFacts.ProducerSeen;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker fact the offsets check relies on: offsets sent through a producer's transaction are written to the
 * group's partition of __consumer_offsets under that producer's id; a consumer's own commit leaves no producer id.
 */
class KafkaTransactionFactsTest {
    private static final String BOOTSTRAP = TestBroker.bootstrapServers();
    private final TransactionFacts facts = new KafkaTransactionFacts(new KafkaClients(BOOTSTRAP, Map.of()));

    @Test
    void offsetsSentInATransactionCarryTheProducerIdThatWroteTheOutput() {
        String input = Names.unique("in");
        String output = Names.unique("out");
        String group = Names.unique("txg");
        Kafka.createTopic(BOOTSTRAP, input, 1);
        Kafka.createTopic(BOOTSTRAP, output, 1);
        Orders.produce(new KafkaClients(BOOTSTRAP, Map.of()), input, Orders.generate(5, 2, 1));

        new TestAggregator(BOOTSTRAP, input, group, output, Style.exactlyOnce()).runToEnd();

        Set<Long> writers = ids(facts.producers(output));
        assertEquals(1, writers.size(), facts.producers(output).toString());
        assertTrue(ids(facts.offsetsPartition(group).producers()).containsAll(writers));
        assertEquals(group + "-tx", facts.transactions(writers).get(0).transactionalId());
    }

    @Test
    void offsetsCommittedByTheConsumerCarryNoProducerIdOfTheOutput() {
        String input = Names.unique("in");
        String output = Names.unique("out");
        String group = Names.unique("plaing");
        Kafka.createTopic(BOOTSTRAP, input, 1);
        Kafka.createTopic(BOOTSTRAP, output, 1);
        Orders.produce(new KafkaClients(BOOTSTRAP, Map.of()), input, Orders.generate(5, 2, 1));

        new TestAggregator(BOOTSTRAP, input, group, output, new Style(true, false, o -> o.customer())).runToEnd();

        Set<Long> writers = ids(facts.producers(output));
        assertEquals(1, writers.size(), facts.producers(output).toString());
        assertFalse(ids(facts.offsetsPartition(group).producers()).stream().anyMatch(writers::contains));
    }

    private static Set<Long> ids(java.util.List<ProducerSeen> producers) {
        return producers.stream().map(ProducerSeen::producerId).collect(Collectors.toSet());
    }
}
