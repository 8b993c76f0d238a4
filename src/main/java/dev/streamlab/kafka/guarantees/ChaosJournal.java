package dev.streamlab.kafka.guarantees;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamlab.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a {@code chaos} run started on the command line tells the lab's page what it does: each line of its
 * progress and its final report, as JSON records in the topic {@value #TOPIC} (key: the run). The page only reads
 * them; it never runs anything. A journal that cannot write gives up quietly: the command line has the report.
 */
public final class ChaosJournal implements AutoCloseable {
    public static final String TOPIC = "streamlab-chaos";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String run;
    private final KafkaProducer<String, String> producer;
    private boolean broken;

    private ChaosJournal(String run, KafkaProducer<String, String> producer) {
        this.run = run;
        this.producer = producer;
    }

    /** Opens the journal, creating its topic if needed; null when Kafka will not take it. */
    public static ChaosJournal open(KafkaClients clients, String run) {
        try (Admin admin = clients.admin("streamlab-chaos-journal", 5_000)) {
            if (!admin.listTopics().names().get(5, TimeUnit.SECONDS).contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) -1))).all().get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                return null;
            }
        }
        return new ChaosJournal(run, new KafkaProducer<>(clients.config(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "streamlab-chaos-journal",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))));
    }

    public void line(String line) {
        ObjectNode value = JSON.createObjectNode().put("run", run).put("line", line);
        send(value);
    }

    public void report(ChaosReport report) {
        ObjectNode value = JSON.createObjectNode().put("run", run).put("exact", report.exact());
        value.set("report", JSON.valueToTree(report));
        value.set("lines", JSON.valueToTree(report.lines()));
        send(value);
    }

    private void send(ObjectNode value) {
        if (broken) {
            return;
        }
        try {
            producer.send(new ProducerRecord<>(TOPIC, run, value.toString()), (metadata, e) -> {
                if (e != null) {
                    broken = true;
                }
            });
        } catch (RuntimeException e) {
            broken = true;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
