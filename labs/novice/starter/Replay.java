// Replay.java: move the group's committed offsets back to the beginning, so its next run reads everything again.
// Stop the group's consumers first: Kafka refuses to move the offsets of a group that has active members.
// Run: java -cp target/streamlab.jar labs/novice/starter/Replay.java [topic] [group]
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class Replay {
    public static void main(String[] args) throws Exception {
        String bootstrap = System.getenv().getOrDefault("STREAMLAB_BOOTSTRAP", "127.0.0.1:9092");
        String topic = args.length > 0 ? args[0] : "orders";
        String group = args.length > 1 ? args[1] : "billing";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                earliest.put(new TopicPartition(topic, p), OffsetSpec.earliest());
            }
            Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
            admin.listOffsets(earliest).all().get()
                    .forEach((tp, info) -> rewound.put(tp, new OffsetAndMetadata(info.offset())));
            // TODO: write the rewound offsets for the group: admin.alterConsumerGroupOffsets(group, rewound)
            rewound.forEach((tp, o) -> System.out.println("partition=" + tp.partition() + " -> " + o.offset()));
        }
        System.out.println("group " + group + " will read " + topic + " from the beginning: run Consumer.java again");
    }
}
