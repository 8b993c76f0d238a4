package dev.streamlab.kafka.actions;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.streamlab.kafka.actions.Problems.contains;
import static dev.streamlab.kafka.actions.Problems.refused;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing records through the lab: where each landed, why, and with which timestamp. */
class RecordProducerTest {
    private static final String BOOTSTRAP = TestBroker.bootstrapServers();
    private static KafkaActions actions;

    @BeforeAll
    static void open() {
        actions = KafkaActions.open(new KafkaClients(BOOTSTRAP, Map.of()));
    }

    @AfterAll
    static void close() {
        actions.close();
    }

    private static String topic(int partitions) {
        String name = Names.unique("orders");
        Kafka.createTopic(BOOTSTRAP, name, partitions);
        return name;
    }

    private static ProduceRequest value(String key, String value) {
        return new ProduceRequest(key, value, null, null, null);
    }

    @Test
    void aKeyedRecordLandsWhereTheReasonSaysAndTheReasonIsKafkasOwnMurmur2Arithmetic() {
        String topic = topic(3);

        List<ProducedRecord> written = IntStream.range(0, 12)
                .mapToObj(i -> actions.records().produce(topic, value("cust-" + i, "order-" + i))).toList();

        List<ConsumerRecord<String, String>> stored = Kafka.readAll(BOOTSTRAP, topic, "read_uncommitted");
        for (int i = 0; i < 12; i++) {
            ProducedRecord record = written.get(i);
            String key = "cust-" + i;
            ConsumerRecord<String, String> actual = stored.stream()
                    .filter(r -> r.partition() == record.partition() && r.offset() == record.offset()).findFirst()
                    .orElseThrow(() -> new AssertionError("no record at " + record));
            assertEquals(key, actual.key(), "the reported partition and offset hold this record");
            int expectedHash = org.apache.kafka.common.utils.Utils.toPositive(
                    org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)));
            assertEquals(new PartitionReason("key-hash", "key \"" + key + "\": murmur2 hash " + expectedHash
                    + " mod 3 partitions = " + record.partition() + ", so every record with this key lands in partition "
                    + record.partition() + " (as long as the topic keeps 3 partitions)", expectedHash, 3), record.reason());
        }
        assertTrue(written.stream().map(ProducedRecord::partition).distinct().count() > 1,
                "twelve keys spread over more than one partition");
    }

    @Test
    void theSameKeyAlwaysLandsInTheSamePartition() {
        String topic = topic(4);

        Set<Integer> partitions = IntStream.range(0, 5)
                .mapToObj(i -> actions.records().produce(topic, value("cust-7", "v" + i)).partition())
                .collect(Collectors.toSet());

        assertEquals(Set.of(RecordProducer.hash("cust-7") % 4), partitions);
    }

    @Test
    void aChosenPartitionWinsOverTheKeyAndTheReasonSaysWhereTheKeyWouldHaveGone() {
        String topic = topic(3);
        int byKey = RecordProducer.hash("cust-1") % 3;
        int chosen = (byKey + 1) % 3;

        ProducedRecord record = actions.records().produce(topic, new ProduceRequest("cust-1", "v", chosen, null, null));

        assertEquals(chosen, record.partition());
        assertEquals("chosen", record.reason().kind());
        contains(record.reason().text(), "you chose partition " + chosen, "it would have gone to partition " + byKey);
    }

    @Test
    void aRecordWithoutAKeyIsPlacedByTheStickyPartitionerAndSaysSo() {
        String topic = topic(3);

        ProducedRecord record = actions.records().produce(topic, value(null, "no key"));

        assertEquals("sticky", record.reason().kind());
        assertNull(record.reason().hash());
        assertEquals(3, record.reason().partitions());
        contains(record.reason().text(), "sticky partitioner chose partition " + record.partition(), "batch");
        assertEquals("no key", Kafka.readAll(BOOTSTRAP, topic, "read_uncommitted").get(0).value());
    }

    @Test
    void anEventTimeInSecondsBecomesTheRecordsCreateTimeAndTheResponseSaysSo() {
        String topic = topic(1);
        Instant eventTime = Instant.parse("2024-11-25T10:20:00Z");

        ProducedRecord record = actions.records().produce(topic,
                new ProduceRequest("k", "v", null, "1732530000", Map.of("source", "lab")));

        assertEquals(eventTime.toEpochMilli(), record.timestamp());
        contains(record.timestampText(), "CreateTime", "2024-11-25T10:20:00Z");
        ConsumerRecord<String, String> stored = Kafka.readAll(BOOTSTRAP, topic, "read_uncommitted").get(0);
        assertEquals(eventTime.toEpochMilli(), stored.timestamp());
        assertEquals(TimestampType.CREATE_TIME, stored.timestampType());
        assertEquals("lab", new String(stored.headers().lastHeader("source").value(), StandardCharsets.UTF_8));
    }

    @Test
    void anEventTimeInMillisOrIsoGivesTheSameTimestampAsInSeconds() {
        String topic = topic(1);

        long millis = actions.records().produce(topic, new ProduceRequest(null, "a", null, "1732530000000", null)).timestamp();
        long iso = actions.records().produce(topic, new ProduceRequest(null, "b", null, "2024-11-25T10:20:00Z", null)).timestamp();

        assertEquals(1732530000000L, millis);
        assertEquals(1732530000000L, iso);
    }

    @Test
    void withoutAnEventTimeTheTimestampIsTheMomentOfSending() {
        String topic = topic(1);
        long before = System.currentTimeMillis();

        ProducedRecord record = actions.records().produce(topic, value(null, "now"));

        assertTrue(record.timestamp() >= before && record.timestamp() <= System.currentTimeMillis(), record.toString());
        contains(record.timestampText(), "no eventTime given");
    }

    @Test
    void aPartitionOutOfRangeIsRefusedWithTheTopicsRange() {
        String topic = topic(3);

        String message = refused(Problem.BAD_REQUEST,
                () -> actions.records().produce(topic, new ProduceRequest(null, "v", 3, null, null)));

        contains(message, "topic " + topic + " has 3 partitions (0-2)", "no partition 3");
        contains(refused(Problem.BAD_REQUEST,
                () -> actions.records().produce(topic, new ProduceRequest(null, "v", -1, null, null))), "(0-2)");
    }

    @Test
    void anUnreadableEventTimeIsRefusedAndNothingIsWritten() {
        String topic = topic(1);

        contains(refused(Problem.BAD_REQUEST,
                        () -> actions.records().produce(topic, new ProduceRequest(null, "v", null, "next tuesday", null))),
                "eventTime \"next tuesday\"");

        assertEquals(0, Kafka.readAll(BOOTSTRAP, topic, "read_uncommitted").size());
    }

    @Test
    void anEventTimeFarInTheFutureIsRefusedByTheBrokerAndTheReasonIsExplained() {
        String topic = topic(1);

        String message = refused(Problem.BAD_REQUEST,
                () -> actions.records().produce(topic, new ProduceRequest(null, "v", null, "2999-01-01T00:00:00Z", null)));

        contains(message, "the broker refused the event time 2999-01-01T00:00:00Z", "one hour in the future");
        assertEquals(0, actions.records().produce(topic, value(null, "after")).offset(),
                "the shared producer keeps working, and the refused record was not written");
    }

    @Test
    void producingToAMissingTopicIsNotFoundAndDoesNotCreateIt() throws Exception {
        String topic = Names.unique("missing");

        contains(refused(Problem.NOT_FOUND, () -> actions.records().produce(topic, value("k", "v"))),
                "there is no topic \"" + topic + "\"", "POST /api/topics");

        try (var admin = Kafka.admin(BOOTSTRAP)) {
            assertTrue(!admin.listTopics().names().get().contains(topic), "the topic was not auto-created");
        }
    }

    @Test
    void aTopicDeletedAndCreatedAgainUnderTheSameNameIsWrittenToAtOnce() throws Exception {
        String topic = topic(3);
        actions.records().produce(topic, value("cust-1", "before"));
        try (var admin = Kafka.admin(BOOTSTRAP)) {
            admin.deleteTopics(List.of(topic)).all().get();
            await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains(topic));
        }
        Kafka.createTopic(BOOTSTRAP, topic, 3);

        // The shared producer still holds the old topic's id; a send with it would retry until "not answering".
        ProducedRecord written = actions.records().produce(topic, value("cust-1", "after"));

        assertEquals(List.of("after"), Kafka.readAll(BOOTSTRAP, topic, "read_uncommitted").stream()
                .map(ConsumerRecord::value).toList(), "the new topic holds just the record written after it was made");
        assertEquals(0, written.offset(), "it is the first record of its partition in the new topic");
        assertEquals(0.0, actions.records().retries(), "it went to the new topic at the first try, not after retries "
                + "against the old topic's id");
    }

    @Test
    void producingWhileTheBrokerIsDownIsUnavailable() {
        String nobody = "127.0.0.1:" + FreePorts.next();
        try (KafkaActions offline = KafkaActions.open(new KafkaClients(nobody, Map.of()))) {
            assertEquals("Kafka at " + nobody + " is not answering; start it again and retry.",
                    refused(Problem.UNAVAILABLE, () -> offline.records().produce("orders", value("k", "v"))));
        }
    }
}
