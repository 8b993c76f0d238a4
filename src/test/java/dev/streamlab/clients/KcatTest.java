package dev.streamlab.clients;

import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.Tools;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** kcat, the command-line client learners reach for first, against the lab's broker. */
class KcatTest {
    private final String bootstrap = TestBroker.bootstrapServers();

    @BeforeAll
    static void kcatIsInstalled() {
        assumeTrue(Tools.installed("kcat"), "kcat is not installed (apt-get install kcat; .ci/run does)");
    }

    @Test
    void kcatListsTheBrokerAndATopicWithItsPartitions() {
        String topic = Names.unique("kcat-metadata");
        Kafka.createTopic(bootstrap, topic, 3);

        Tools.Result result = Tools.run(null, null, "kcat", "-b", bootstrap, "-L", "-t", topic);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("1 brokers:"), result.output());
        assertTrue(result.output().contains("topic \"" + topic + "\" with 3 partitions"), result.output());
    }

    @Test
    void whatKcatProducesAJavaConsumerReadsAndWhatJavaProducesKcatConsumes() {
        String topic = Names.unique("kcat-orders");
        Kafka.createTopic(bootstrap, topic, 2);

        Tools.Result produced = Tools.run(null, "cust-1:first\ncust-2:second\ncust-1:third\n",
                "kcat", "-b", bootstrap, "-t", topic, "-P", "-K:");
        assertEquals(0, produced.exitCode(), produced.output());

        List<ConsumerRecord<String, String>> records = Kafka.readAll(bootstrap, topic, "read_uncommitted");
        assertEquals(Map.of("first", "cust-1", "second", "cust-2", "third", "cust-1"),
                records.stream().collect(Collectors.toMap(ConsumerRecord::value, ConsumerRecord::key)));

        Tools.Result consumed = Tools.run(null, null, "kcat", "-b", bootstrap, "-t", topic, "-C", "-e", "-q",
                "-f", "%k=%s@%p\\n");
        assertEquals(0, consumed.exitCode(), consumed.output());
        List<String> lines = consumed.output().lines().sorted().toList();
        assertEquals(3, lines.size(), consumed.output());
        assertTrue(lines.get(0).startsWith("cust-1=first@"), consumed.output());
    }
}
