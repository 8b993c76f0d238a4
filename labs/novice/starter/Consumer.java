// Consumer.java: read the topic in a consumer group, from the earliest offset the first time.
// Run: java -cp target/streamlab.jar labs/novice/starter/Consumer.java [topic] [group] [idle-seconds]
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

public class Consumer {
    public static void main(String[] args) {
        String bootstrap = System.getenv().getOrDefault("STREAMLAB_BOOTSTRAP", "127.0.0.1:9092");
        String topic = args.length > 0 ? args[0] : "orders";
        String group = args.length > 1 ? args[1] : "billing";
        Duration idle = Duration.ofMillis((long) (1000 * (args.length > 2 ? Double.parseDouble(args[2]) : 5)));
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                // TODO: ConsumerConfig.GROUP_ID_CONFIG, so Kafka remembers how far the group got
                // TODO: ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, to start at the beginning the first time
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,       // we commit ourselves after each batch
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        int read = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long lastRecord = System.nanoTime();
            // Idle time counts only once the group has given us partitions: joining takes a moment.
            while (consumer.assignment().isEmpty() || System.nanoTime() - lastRecord < idle.toNanos()) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> r : records) {
                    // TODO: print the partition and the offset too
                    System.out.println("key=" + r.key() + " value=" + r.value());
                    read++;
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();   // where we got to, so the next run (or the lab) sees it
                }
                if (!records.isEmpty() || consumer.assignment().isEmpty()) {
                    lastRecord = System.nanoTime();
                }
            }
        }
        System.out.println("read " + read + " records; group " + group + " committed its offsets");
    }
}
