import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starter: running totals per customer, to be made exactly-once (kafka-clients, one source file). */
public class Aggregator {
    public static void main(String[] args) {
        String bootstrap = env("STREAMLAB_BOOTSTRAP", "{{bootstrap}}");
        String input = env("STREAMLAB_INPUT", "eos-orders");
        String output = env("STREAMLAB_OUTPUT", "eos-totals");
        String group = args.length > 1 && args[0].equals("--group") ? args[1] : env("STREAMLAB_GROUP", "eos-aggregator");
        ObjectMapper json = new ObjectMapper();

        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                // TODO 1: ProducerConfig.TRANSACTIONAL_ID_CONFIG, the same on every start, e.g. group + "-tx"
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        // TODO 1: producer.initTransactions();
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // TODO 2: ENABLE_AUTO_COMMIT_CONFIG false, ISOLATION_LEVEL_CONFIG "read_committed"
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(input));
        Map<String, Long> totals = new HashMap<>(); // customer -> running total in cents
        // TODO 3: rebuild totals from the committed output (latest "total" per customer)

        while (true) {
            var records = consumer.poll(Duration.ofSeconds(1));
            // TODO 1: producer.beginTransaction();
            for (ConsumerRecord<String, String> r : records) {
                try {
                    JsonNode order = json.readTree(r.value());
                    String customer = order.get("customer").asText();
                    long total = totals.merge(customer, Math.round(order.get("amount").asDouble() * 100), Long::sum);
                    String out = json.createObjectNode().put("order_id", order.get("order_id").asText())
                            .put("customer", customer).put("amount", order.get("amount").asDouble())
                            .put("total", total / 100.0).toString();
                    producer.send(new ProducerRecord<>(output, null, out)); // TODO 3: a stable key
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            // TODO 2: producer.sendOffsetsToTransaction(nextOffsets, consumer.groupMetadata());
            // TODO 1: producer.commitTransaction(); on KafkaException: abortTransaction() and seek back
            producer.flush();
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
