// CreateTopic.java: create the topic with several partitions (kafka-clients).
// Run: java -cp target/streamlab.jar labs/novice/starter/CreateTopic.java [topic] [partitions]
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

public class CreateTopic {
    public static void main(String[] args) throws Exception {
        String bootstrap = System.getenv().getOrDefault("STREAMLAB_BOOTSTRAP", "127.0.0.1:9092");
        String topic = args.length > 0 ? args[0] : "orders";
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 1; // TODO: more than one, e.g. 3
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            System.out.println("created " + topic + " with " + partitions + " partitions");
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            // An old topic keeps its old records and partition count: delete it first if those are wrong.
            System.out.println(topic + " already exists");
        }
    }
}
