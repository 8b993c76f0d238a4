// WindowCounter.java - your windowed count over event time (starter, kafka-clients).
//
//   java -cp target/streamlab.jar WindowCounter.java timed-orders order-counts
//
// Reads the input topic from the beginning and writes one JSON record per changed window to the output topic:
//   {"window_start": ..., "window_end": ..., "count": N}
// A later record for the same window replaces an earlier one, so write a window again whenever its count changes.

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public class WindowCounter {
    static final long WINDOW_SECONDS = 60;
    static final ObjectMapper JSON = new ObjectMapper();

    /** The start of the tumbling window that an event time (epoch seconds) falls in. */
    static long windowStart(double eventSeconds) {
        // TODO: windows start at whole multiples of WINDOW_SECONDS since the epoch (12:00:00, 12:01:00, ...).
        //       Use the event's own time, never System.currentTimeMillis(): that would be processing time.
        throw new UnsupportedOperationException("windowStart is yours to write");
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = System.getenv().getOrDefault("STREAMLAB_BOOTSTRAP", "{{bootstrap}}");
        String topic = args.length > 0 ? args[0] : "timed-orders";
        String output = args.length > 1 ? args[1] : "order-counts";
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);

        Map<Long, Long> counts = new TreeMap<>();   // window start (epoch seconds) -> count
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig);
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            // No group: every run reads the topic from its start and rebuilds the counts.
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                Map<Long, Long> changed = new TreeMap<>();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    double eventSeconds = JSON.readTree(record.value()).get("event_time").asDouble();
                    long start = windowStart(eventSeconds);
                    changed.put(start, counts.merge(start, 1L, Long::sum));
                }
                for (var window : changed.entrySet()) {
                    String value = JSON.writeValueAsString(Map.of("window_start", window.getKey(),
                            "window_end", window.getKey() + WINDOW_SECONDS, "count", window.getValue()));
                    producer.send(new ProducerRecord<>(output, String.valueOf(window.getKey()), value));
                }
                producer.flush();
            }
        }
    }
}
