package dev.streamlab.clients;

import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.Tools;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Debian's python3-confluent-kafka, the Python client that has transactions, against the lab's broker. */
class PythonClientsTest {
    private static final String TRANSACTIONAL_PRODUCER = """
            import sys
            from confluent_kafka import Producer
            bootstrap, topic, tx_id = sys.argv[1:4]
            p = Producer({"bootstrap.servers": bootstrap, "transactional.id": tx_id, "enable.idempotence": True})
            p.init_transactions(30)
            p.begin_transaction()
            p.produce(topic, key="cust-1", value="kept-1")
            p.produce(topic, key="cust-2", value="kept-2")
            p.commit_transaction(30)
            p.begin_transaction()
            p.produce(topic, key="cust-1", value="rolled-back")
            p.flush(30)
            p.abort_transaction(30)
            print("committed 2, aborted 1")
            """;

    @Test
    void aTransactionalProducerInPythonCommitsWhatReadCommittedConsumersSeeAndAbortsTheRest() {
        assumeTrue(Tools.pythonHas("confluent_kafka"),
                "Debian's python3-confluent-kafka is not installed (apt-get install python3-confluent-kafka; .ci/run does)");
        String bootstrap = TestBroker.bootstrapServers();
        String topic = Names.unique("py-tx");
        Kafka.createTopic(bootstrap, topic, 2);

        Tools.Result result = Tools.run(null, null, Tools.PYTHON, "-c", TRANSACTIONAL_PRODUCER,
                bootstrap, topic, Names.unique("py-tx-id"));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("committed 2, aborted 1"), result.output());
        assertEquals(List.of("kept-1", "kept-2"), values(Kafka.readAll(bootstrap, topic, "read_committed")));
        assertEquals(List.of("kept-1", "kept-2", "rolled-back"), values(Kafka.readAll(bootstrap, topic, "read_uncommitted")));
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).sorted().toList();
    }
}
