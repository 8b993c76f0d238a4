// Producer.java: send keyed orders; the key (the customer) picks the partition.
// Run: java -cp target/streamlab.jar labs/novice/starter/Producer.java [topic] [count]
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;

public class Producer {
    public static void main(String[] args) throws Exception {
        String bootstrap = System.getenv().getOrDefault("STREAMLAB_BOOTSTRAP", "127.0.0.1:9092");
        String topic = args.length > 0 ? args[0] : "orders";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < count; i++) {
                String customer = "customer-" + (i % 4);
                String order = String.format("{\"order_id\": %d, \"customer\": \"%s\", \"amount\": %d, \"event_time\": %.3f}",
                        i, customer, 5 + i, System.currentTimeMillis() / 1000.0);
                // TODO: send the customer as the key: new ProducerRecord<>(topic, key, value).
                //       (Don't give a partition number: let the key decide.)
                RecordMetadata where = producer.send(new ProducerRecord<>(topic, order)).get();
                System.out.println("customer=" + customer + " -> partition=" + where.partition() + " offset=" + where.offset());
            }
        }
        System.out.println("produced " + count + " orders to " + topic);
    }
}
