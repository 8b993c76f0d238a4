import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exactly-once running totals per customer (reference solution, kafka-clients), as one source file:
 *
 * <pre>java -cp "$(cat cp.txt)" Aggregator.java [--bootstrap HOST:PORT] [--input T] [--output O] [--group G]</pre>
 *
 * Reads orders from the input and writes, per order, {"order_id","customer","amount","total"} keyed by the customer,
 * where total is the customer's running total. Each batch is one transaction holding the output records and the
 * input offsets. On start it rebuilds the totals from the committed output. Runs until it is killed.
 * Without flags: STREAMLAB_BOOTSTRAP, STREAMLAB_INPUT, STREAMLAB_OUTPUT, STREAMLAB_GROUP, else 127.0.0.1:9092,
 * eos-orders, eos-totals, eos-aggregator.
 */
public class Aggregator {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        String bootstrap = option(args, "--bootstrap", "STREAMLAB_BOOTSTRAP", "127.0.0.1:9092");
        String input = option(args, "--input", "STREAMLAB_INPUT", "eos-orders");
        String output = option(args, "--output", "STREAMLAB_OUTPUT", "eos-totals");
        String group = option(args, "--group", "STREAMLAB_GROUP", "eos-aggregator");

        // The same transactional.id on every start: initTransactions() fences the killed instance and aborts the
        // transaction it left open, so its half-written batch never reaches read_committed readers.
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, group + "-tx",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        producer.initTransactions();
        Map<String, Long> totals = committedTotals(bootstrap, output);

        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                // The same member after a restart takes its partitions back at once.
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, group + "-1",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // Offsets go in the transaction; a commit of the consumer's own would break the all-or-nothing.
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(input));
        System.out.println("aggregator: " + input + " -> " + output + ", group " + group + ", " + totals.size()
                + " customers' totals rebuilt");

        while (true) {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(1));
            if (records.isEmpty()) {
                continue;
            }
            Map<String, Long> batchTotals = new HashMap<>(totals); // applied only when the transaction commits
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            producer.beginTransaction();
            try {
                for (ConsumerRecord<String, String> record : records) {
                    JsonNode order = JSON.readTree(record.value());
                    String customer = order.get("customer").asText();
                    long total = batchTotals.merge(customer, cents(order.get("amount")), Long::sum);
                    ObjectNode out = JSON.createObjectNode();
                    out.put("order_id", order.get("order_id").asText());
                    out.put("customer", customer);
                    out.set("amount", order.get("amount"));
                    out.put("total", BigDecimal.valueOf(total, 2));
                    // Keyed by the customer: a stable id, so a table downstream keeps one row per customer.
                    producer.send(new ProducerRecord<>(output, customer, out.toString()));
                    next.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                // The input offsets join the same transaction: committed with the records above, or not at all.
                producer.sendOffsetsToTransaction(next, consumer.groupMetadata());
                producer.commitTransaction();
                totals = batchTotals;
            } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
                System.err.println("aggregator: fatal: " + e);
                System.exit(1);
            } catch (KafkaException e) {
                producer.abortTransaction();
                rewindToCommitted(consumer);
            }
        }
    }

    /** The latest total per customer in the committed output: the state the last committed batch left. */
    static Map<String, Long> committedTotals(String bootstrap, String output) throws Exception {
        Map<String, Long> totals = new HashMap<>();
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = reader.partitionsFor(output).stream()
                    .map(p -> new TopicPartition(output, p.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions); // read_committed: the last stable offset
            while (partitions.stream().anyMatch(tp -> reader.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(200))) {
                    JsonNode record = JSON.readTree(r.value());
                    totals.put(record.get("customer").asText(), cents(record.get("total")));
                }
            }
        }
        return totals;
    }

    static void rewindToCommitted(KafkaConsumer<String, String> consumer) {
        consumer.committed(consumer.assignment()).forEach((tp, offset) -> {
            if (offset != null) {
                consumer.seek(tp, offset);
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
        });
    }

    /** Money in whole cents: doubles would drift after a few thousand additions. */
    static long cents(JsonNode amount) {
        return amount.decimalValue().movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    static String option(String[] args, String flag, String env, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(flag)) {
                return args[i + 1];
            }
        }
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value;
    }
}
