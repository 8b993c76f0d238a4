// WindowCounter.java - count events in tumbling windows by their own event_time (reference solution, kafka-clients).
//
//   java -cp target/streamlab.jar labs/intermediate/solution/WindowCounter.java [topic] [output] [--idle-seconds N]
//
// Reads the whole input topic from the beginning, puts each event in the window its event_time falls in, and after
// each poll writes the windows that changed to the output topic as {"window_start", "window_end", "count"}. A later
// record for the same window replaces an earlier one. A late event updates its own older window.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public class WindowCounter {
    static final long WINDOW_MS = 60_000;
    static final ObjectMapper JSON = new ObjectMapper();

    /** An event time in epoch millis and how it was written ("seconds", "millis" or "iso"). */
    record Time(long millis, String format) {
        static Time of(JsonNode node) {
            if (node != null && node.isNumber()) {
                BigDecimal value = node.decimalValue();
                // Numbers below 10^11 are epoch seconds (Python's time.time()), larger ones epoch milliseconds.
                return value.abs().compareTo(BigDecimal.valueOf(100_000_000_000L)) < 0
                        ? new Time(value.movePointRight(3).setScale(0, RoundingMode.FLOOR).longValueExact(), "seconds")
                        : new Time(value.setScale(0, RoundingMode.FLOOR).longValueExact(), "millis");
            }
            if (node != null && node.isTextual()) {
                return new Time(Instant.parse(node.asText()).toEpochMilli(), "iso");
            }
            throw new IllegalArgumentException("event_time is " + node);
        }

        /** Another instant written the same way, for the window edges. */
        Object write(long at) {
            return switch (format) {
                case "seconds" -> Math.floorDiv(at, 1000);
                case "millis" -> at;
                default -> Instant.ofEpochMilli(at).toString();
            };
        }
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = System.getenv().getOrDefault("STREAMLAB_BOOTSTRAP", "127.0.0.1:9092");
        String topic = args.length > 0 ? args[0] : "timed-orders";
        String output = args.length > 1 ? args[1] : "order-counts";
        double idleSeconds = args.length > 3 && args[2].equals("--idle-seconds") ? Double.parseDouble(args[3]) : 30;

        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);

        Map<Long, Long> counts = new TreeMap<>();      // window start (epoch ms) -> count
        Map<Long, Time> sample = new HashMap<>();      // window start -> an event time seen there, for its format
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig);
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            // No group: every run reads from the start and rebuilds the counts, so a restart never loses them.
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);

            long lastEvent = System.nanoTime();
            while (idleSeconds <= 0 || System.nanoTime() - lastEvent < idleSeconds * 1e9) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(500));
                Map<Long, Long> changed = new TreeMap<>();
                for (ConsumerRecord<String, String> record : batch) {
                    Time time;
                    try {
                        time = Time.of(JSON.readTree(record.value()).get("event_time"));
                    } catch (Exception problem) {
                        System.out.printf("skipping partition %d offset %d: %s%n", record.partition(), record.offset(),
                                problem.getMessage());
                        continue;
                    }
                    long start = Math.floorDiv(time.millis(), WINDOW_MS) * WINDOW_MS;  // its tumbling window
                    changed.put(start, counts.merge(start, 1L, Long::sum));
                    sample.put(start, time);
                }
                if (!batch.isEmpty()) {
                    lastEvent = System.nanoTime();
                }
                for (var window : changed.entrySet()) {
                    Time format = sample.get(window.getKey());
                    ObjectNode value = JSON.createObjectNode();
                    value.putPOJO("window_start", format.write(window.getKey()));
                    value.putPOJO("window_end", format.write(window.getKey() + WINDOW_MS));
                    value.put("count", window.getValue());
                    // The record key names the window: the latest record per key is that window's count.
                    producer.send(new ProducerRecord<>(output, String.valueOf(window.getKey()), value.toString()));
                    System.out.printf("window %s: %d%n", value.get("window_start"), window.getValue());
                }
                producer.flush();
            }
        }
        System.out.printf("no new events for %s s; %d windows counted%n", idleSeconds, counts.size());
    }
}
