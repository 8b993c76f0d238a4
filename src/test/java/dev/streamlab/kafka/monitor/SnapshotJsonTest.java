package dev.streamlab.kafka.monitor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.streamlab.kafka.monitor.GroupEvent.Kind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The records as the WebSocket hub and the pages get them: Jackson writes exactly the record components under
 * their accessor names. (Instant needs jackson-datatype-jsr310 or a serializer; the test brings its own.)
 */
class SnapshotJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new SimpleModule()
            .addSerializer(Instant.class, new JsonSerializer<>() {
                @Override
                public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers)
                        throws IOException {
                    gen.writeString(value.toString());
                }
            }));
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void aSnapshotIsWrittenWithItsComponentsAndNothingElse() {
        ClusterSnapshot snapshot = new ClusterSnapshot(T0, true, null,
                List.of(new TopicState("orders", false, List.of(new PartitionState(0, 1, List.of(1), List.of(1), 0, 9,
                        7, List.of(new ProducerState(5, 0, 3, 1000, 7)))))),
                List.of(new GroupState("billing", "Stable", "classic", "range", 2,
                        List.of(new MemberState("m1", "c1", "/127.0.0.1", List.of(new TopicPartitionRef("orders", 0)))),
                        List.of(GroupOffset.of("orders", 0, 4, 0, 9)))),
                List.of(new TransactionState("tx", "Ongoing", 5, 0, 999, List.of(new TopicPartitionRef("orders", 0)))));

        JsonNode json = JSON.valueToTree(snapshot);

        assertEquals(Set.of("at", "reachable", "problem", "topics", "groups", "transactions"), names(json));
        assertEquals("2025-03-01T10:00:00Z", json.get("at").asText());
        assertEquals(Set.of("name", "internal", "partitions"), names(json.get("topics").get(0)));
        JsonNode partition = json.get("topics").get(0).get("partitions").get(0);
        assertEquals(Set.of("partition", "leader", "replicas", "isr", "logStartOffset", "highWatermark",
                "lastStableOffset", "activeProducers"), names(partition));
        assertEquals(Set.of("producerId", "producerEpoch", "lastSequence", "lastTimestamp",
                "currentTransactionStartOffset"), names(partition.get("activeProducers").get(0)));
        JsonNode group = json.get("groups").get(0);
        assertEquals(Set.of("groupId", "state", "type", "protocol", "generation", "members", "offsets"), names(group));
        assertEquals(Set.of("memberId", "clientId", "host", "assignment", "groupInstanceId"), names(group.get("members").get(0)));
        assertEquals(Set.of("topic", "partition"), names(group.get("members").get(0).get("assignment").get(0)));
        assertEquals(Set.of("topic", "partition", "committed", "endOffset", "lag"), names(group.get("offsets").get(0)));
        assertEquals(5, group.get("offsets").get(0).get("lag").asLong());
        assertEquals(Set.of("transactionalId", "state", "producerId", "producerEpoch", "transactionStartTimeMs",
                "partitions"), names(json.get("transactions").get(0)));
    }

    @Test
    void historyRecordsAreWrittenWithTheirComponents() {
        JsonNode sample = JSON.valueToTree(new GroupSample(T0, 1, List.of("m1"), List.of(GroupOffset.of("t", 0, 1, 0, 2))));
        JsonNode event = JSON.valueToTree(new GroupEvent(T0, "g", Kind.OFFSETS_RESET, "went back", "t", 0, 5, 0));

        assertEquals(Set.of("at", "generation", "memberIds", "offsets"), names(sample));
        assertEquals(Set.of("at", "groupId", "kind", "detail", "topic", "partition", "from", "to"), names(event));
        assertEquals("OFFSETS_RESET", event.get("kind").asText());
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
