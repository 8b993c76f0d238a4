package dev.streamlab.kafka.tail;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tail shows a topic's records as they arrive, from where it was asked to start, as the broker really has them. */
class RecordTailTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final String bootstrap = TestBroker.bootstrapServers();
    private final KafkaClients clients = new KafkaClients(bootstrap, Map.of());
    private final List<RecordTail> tails = new ArrayList<>();

    @AfterEach
    void closeTails() {
        tails.forEach(RecordTail::close);
    }

    private RecordTail open(String topic, Isolation isolation, StartPosition start, Recorder recorder) {
        RecordTail tail = RecordTail.open(clients, topic, isolation, start, recorder, recorder.problems());
        tails.add(tail);
        return tail;
    }

    @Test
    void readCommittedHidesAnAbortedTransactionsRecordThatReadUncommittedShows() {
        String topic = Names.unique("payments");
        Kafka.createTopic(bootstrap, topic, 1);
        Recorder committed = new Recorder();
        Recorder uncommitted = new Recorder();
        open(topic, Isolation.READ_COMMITTED, new StartPosition.End(0), committed);
        open(topic, Isolation.READ_UNCOMMITTED, new StartPosition.End(0), uncommitted);

        try (KafkaProducer<String, String> producer = Kafka.producer(bootstrap, Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, Names.unique("tx")))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "committed-1"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "aborted-1"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "committed-2"));
            producer.commitTransaction();
        }

        await().atMost(PATIENCE).until(() -> uncommitted.values().size() >= 3 && committed.values().size() >= 2);
        assertEquals(List.of("committed-1", "aborted-1", "committed-2"), uncommitted.values());
        assertEquals(List.of("committed-1", "committed-2"), committed.values(),
                "committed-2 comes after aborted-1 in the log, so read_committed already skipped it");
        assertTrue(committed.batches().stream().allMatch(b -> b.isolation() == Isolation.READ_COMMITTED));
        assertTrue(uncommitted.batches().stream().allMatch(b -> b.isolation() == Isolation.READ_UNCOMMITTED));
    }

    @Test
    void aTailFromTheEndWithoutBacklogSeesOnlyRecordsProducedAfterItOpened() {
        String topic = Names.unique("clicks");
        Kafka.createTopic(bootstrap, topic, 2);
        Kafka.produce(bootstrap, topic, IntStream.range(0, 10)
                .mapToObj(i -> new ProducerRecord<>(topic, "user-" + i, "old-" + i)).toList());
        Recorder recorder = new Recorder();
        RecordTail tail = open(topic, Isolation.READ_UNCOMMITTED, new StartPosition.End(0), recorder);

        Kafka.produce(bootstrap, topic, IntStream.range(0, 10)
                .mapToObj(i -> new ProducerRecord<>(topic, "user-" + i, "new-" + i)).toList());

        await().atMost(PATIENCE).until(() -> recorder.values().size() >= 10);
        assertEquals(IntStream.range(0, 10).mapToObj(i -> "new-" + i).collect(Collectors.toSet()),
                Set.copyOf(recorder.values()));
        assertEquals(10, recorder.values().size());
        assertEquals(10L, tail.startOffsets().values().stream().mapToLong(Long::longValue).sum(),
                "both partitions started at their end, after the ten old records");
    }

    @Test
    void aTailFromTheEndWithABacklogFirstShowsTheLastRecordsOfEachPartitionButNothingBeforeTheLogStart() {
        String topic = Names.unique("sensors");
        Kafka.createTopic(bootstrap, topic, 2);
        List<ProducerRecord<String, String>> sent = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> sent.add(new ProducerRecord<>(topic, 0, "s", "p0-" + i)));
        IntStream.range(0, 3).forEach(i -> sent.add(new ProducerRecord<>(topic, 1, "s", "p1-" + i)));
        Kafka.produce(bootstrap, topic, sent);

        Recorder recorder = new Recorder();
        RecordTail tail = open(topic, Isolation.READ_UNCOMMITTED, new StartPosition.End(5), recorder);

        assertEquals(Map.of(0, 15L, 1, 0L), tail.startOffsets());
        await().atMost(PATIENCE).until(() -> recorder.records().size() >= 8);
        assertEquals(List.of("p0-15", "p0-16", "p0-17", "p0-18", "p0-19"), valuesOf(recorder, 0));
        assertEquals(List.of("p1-0", "p1-1", "p1-2"), valuesOf(recorder, 1));
        assertEquals(List.of(15L, 16L, 17L, 18L, 19L), recorder.records().stream()
                .filter(r -> r.partition() == 0).map(TailRecord::offset).toList());
    }

    @Test
    void aReplayFromAnOffsetStartsEveryPartitionThereOrAtItsEndAndThenFollowsNewRecords() {
        String topic = Names.unique("ledger");
        Kafka.createTopic(bootstrap, topic, 2);
        List<ProducerRecord<String, String>> sent = new ArrayList<>();
        IntStream.range(0, 10).forEach(i -> sent.add(new ProducerRecord<>(topic, 0, "k", "p0-" + i)));
        IntStream.range(0, 3).forEach(i -> sent.add(new ProducerRecord<>(topic, 1, "k", "p1-" + i)));
        Kafka.produce(bootstrap, topic, sent);

        Recorder recorder = new Recorder();
        RecordTail tail = open(topic, Isolation.READ_UNCOMMITTED, new StartPosition.FromOffset(6), recorder);
        Kafka.produce(bootstrap, topic, List.of(new ProducerRecord<>(topic, 1, "k", "p1-later")));

        assertEquals(Map.of(0, 6L, 1, 3L), tail.startOffsets(), "partition 1 has only 3 records: it starts at its end");
        await().atMost(PATIENCE).until(() -> recorder.records().size() >= 5);
        assertEquals(List.of("p0-6", "p0-7", "p0-8", "p0-9"), valuesOf(recorder, 0));
        assertEquals(List.of("p1-later"), valuesOf(recorder, 1));
        assertEquals(3L, recorder.records().stream().filter(r -> r.partition() == 1).findFirst().orElseThrow().offset());
    }

    @Test
    void aReplayFromATimeStartsAtTheFirstRecordAtOrAfterItAndAtTheEndWhereThereIsNone() {
        String topic = Names.unique("readings");
        Kafka.createTopic(bootstrap, topic, 2);
        Instant base = Instant.parse("2026-11-25T10:00:00Z");
        List<ProducerRecord<String, String>> sent = new ArrayList<>();
        IntStream.range(0, 10).forEach(i -> sent.add(new ProducerRecord<>(topic, 0,
                base.plusSeconds(i).toEpochMilli(), "k", "p0-at-" + i + "s")));
        IntStream.range(0, 4).forEach(i -> sent.add(new ProducerRecord<>(topic, 1,
                base.minusSeconds(60 - i).toEpochMilli(), "k", "p1-early-" + i)));
        Kafka.produce(bootstrap, topic, sent);

        Recorder recorder = new Recorder();
        RecordTail tail = open(topic, Isolation.READ_UNCOMMITTED, StartPosition.parse("time:2026-11-25T10:00:06.500Z"),
                recorder);

        assertEquals(Map.of(0, 7L, 1, 4L), tail.startOffsets(),
                "partition 0 from its record at 7 s; partition 1 has nothing that late, so it starts at its end");
        await().atMost(PATIENCE).until(() -> recorder.records().size() >= 3);
        assertEquals(List.of("p0-at-7s", "p0-at-8s", "p0-at-9s"), recorder.values());
        assertEquals(base.plusSeconds(7).toEpochMilli(), recorder.records().get(0).timestamp());
    }

    @Test
    void keyHeadersTimestampAndAValueThatLooksLikeHtmlArriveExactlyAsProduced() {
        String topic = Names.unique("comments");
        Kafka.createTopic(bootstrap, topic, 1);
        Recorder recorder = new Recorder();
        open(topic, Isolation.READ_UNCOMMITTED, new StartPosition.End(0), recorder);

        long timestamp = Instant.parse("2026-11-25T10:00:00Z").toEpochMilli();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, 0, timestamp, "user-é-1",
                "<img src=x onerror=alert(1)>");
        record.headers().add("trace", "abc-123".getBytes(StandardCharsets.UTF_8));
        record.headers().add("raw", new byte[] {(byte) 0xc3, (byte) 0x28});
        record.headers().add("empty", null);
        Kafka.produce(bootstrap, topic, List.of(record, new ProducerRecord<>(topic, 0, "user-é-1", null)));

        await().atMost(PATIENCE).until(() -> recorder.records().size() >= 2);
        TailRecord shown = recorder.records().get(0);
        assertEquals(new TailRecord(topic, 0, 0, "user-é-1", timestamp, "CreateTime",
                List.of(new TailHeader("trace", "abc-123"), new TailHeader("raw", "0xc328"), new TailHeader("empty", null)),
                "<img src=x onerror=alert(1)>", false, 28), shown);
        TailRecord tombstone = recorder.records().get(1);
        assertNull(tombstone.value());
        assertEquals(0, tombstone.valueBytes());
        assertFalse(tombstone.binary());
    }

    @Test
    void bytesThatAreNotUtf8ArriveAsHexAndMarkTheRecordBinary() {
        String topic = Names.unique("telemetry");
        Kafka.createTopic(bootstrap, topic, 1);
        Recorder recorder = new Recorder();
        open(topic, Isolation.READ_UNCOMMITTED, new StartPosition.End(0), recorder);

        byte[] invalid = {'h', 'i', (byte) 0xff, (byte) 0xfe, 0x00};
        byte[] overlongSlash = {(byte) 0xc0, (byte) 0xaf};
        produceBytes(topic, Map.of(), List.of(
                new ProducerRecord<>(topic, "dev-1".getBytes(StandardCharsets.UTF_8), invalid),
                new ProducerRecord<>(topic, overlongSlash, "ok".getBytes(StandardCharsets.UTF_8))));

        await().atMost(PATIENCE).until(() -> recorder.records().size() >= 2);
        TailRecord first = recorder.records().get(0);
        assertTrue(first.binary());
        assertEquals("6869fffe00", first.value());
        assertEquals("6465762d31", first.key(), "when the record is binary its key is hex too");
        assertEquals(5, first.valueBytes());
        TailRecord second = recorder.records().get(1);
        assertTrue(second.binary(), "an overlong encoding is not valid UTF-8 even though a lenient decoder accepts it");
        assertEquals("c0af", second.key());
        assertEquals("6f6b", second.value());
    }

    @Test
    void aOneMegabyteValueIsCutToTheTextLimitWithAMarkerAndItsRealSize() {
        String topic = Names.unique("uploads");
        try (Admin admin = Kafka.admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", String.valueOf(3 * 1024 * 1024))))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Recorder recorder = new Recorder();
        open(topic, Isolation.READ_UNCOMMITTED, new StartPosition.End(0), recorder);

        byte[] text = new byte[1024 * 1024];
        Arrays.fill(text, (byte) 'a');
        byte[] binary = text.clone();
        binary[binary.length - 1] = (byte) 0xff;
        produceBytes(topic, Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024), List.of(
                new ProducerRecord<>(topic, null, text), new ProducerRecord<>(topic, null, binary)));

        await().atMost(PATIENCE).until(() -> recorder.records().size() >= 2);
        TailRecord big = recorder.records().get(0);
        assertFalse(big.binary());
        assertEquals(1_048_576, big.valueBytes());
        assertEquals("a".repeat(TailRecord.TEXT_LIMIT) + TailRecord.truncationMarker(1_048_576), big.value());
        assertEquals("… [truncated: 1048576 bytes]", TailRecord.truncationMarker(1_048_576));
        TailRecord bigBinary = recorder.records().get(1);
        assertTrue(bigBinary.binary(), "one invalid byte at the very end makes the whole value binary");
        assertEquals(1_048_576, bigBinary.valueBytes());
        assertEquals("61".repeat(TailRecord.TEXT_LIMIT / 2) + TailRecord.truncationMarker(1_048_576), bigBinary.value());
    }

    @Test
    void aTopicThatStampsRecordsOnAppendReportsLogAppendTime() {
        String topic = Names.unique("stamped");
        try (Admin admin = Kafka.admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("message.timestamp.type", "LogAppendTime")))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Recorder recorder = new Recorder();
        open(topic, Isolation.READ_UNCOMMITTED, new StartPosition.End(0), recorder);
        long before = System.currentTimeMillis();
        Kafka.produce(bootstrap, topic, List.of(new ProducerRecord<>(topic, 0, 1_000L, "k", "v")));

        await().atMost(PATIENCE).until(() -> !recorder.records().isEmpty());
        TailRecord record = recorder.records().get(0);
        assertEquals("LogAppendTime", record.timestampType());
        assertTrue(record.timestamp() >= before - 1000, "the broker's clock, not the producer's 1000: " + record.timestamp());
    }

    @Test
    void aPartitionAddedWhileTailingIsPickedUpFromItsFirstRecord() throws Exception {
        String topic = Names.unique("growing");
        Kafka.createTopic(bootstrap, topic, 1);
        Recorder recorder = new Recorder();
        open(topic, Isolation.READ_UNCOMMITTED, new StartPosition.End(0), recorder);

        try (Admin admin = Kafka.admin(bootstrap)) {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(3))).all().get();
        }
        Kafka.produce(bootstrap, topic, List.of(
                new ProducerRecord<>(topic, 2, "k", "in-new-partition-2"),
                new ProducerRecord<>(topic, 1, "k", "in-new-partition-1"),
                new ProducerRecord<>(topic, 0, "k", "in-old-partition")));

        await().atMost(PATIENCE).until(() -> recorder.records().size() >= 3);
        assertEquals(Map.of(0, "in-old-partition", 1, "in-new-partition-1", 2, "in-new-partition-2"),
                recorder.records().stream().collect(Collectors.toMap(TailRecord::partition, TailRecord::value)));
        assertTrue(recorder.records().stream().filter(r -> r.partition() > 0).allMatch(r -> r.offset() == 0),
                "the tail read the new partitions from offset 0, though the records were there before it noticed");
    }

    @Test
    void aTopicDeletedWhileTailingIsReportedAndTheTailStops() throws Exception {
        String topic = Names.unique("doomed");
        Kafka.createTopic(bootstrap, topic, 1);
        Recorder recorder = new Recorder();
        RecordTail tail = open(topic, Isolation.READ_UNCOMMITTED, new StartPosition.End(0), recorder);

        try (Admin admin = Kafka.admin(bootstrap)) {
            admin.deleteTopics(List.of(topic)).all().get();
        }

        await().atMost(PATIENCE).until(() -> !tail.isRunning());
        assertEquals("topic " + topic + " was deleted; the tail stopped", tail.problem());
        assertEquals(List.of("topic " + topic + " was deleted; the tail stopped"), recorder.problemReports());
    }

    @Test
    void openingATailOnATopicThatDoesNotExistFailsClearlyAndDoesNotCreateIt() throws Exception {
        String topic = Names.unique("missing");

        TailException e = assertThrows(TailException.class, () -> open(topic, Isolation.READ_COMMITTED,
                new StartPosition.End(0), new Recorder()));

        assertEquals("topic " + topic + " does not exist", e.getMessage());
        assertEquals(TailException.Reason.TOPIC_MISSING, e.reason());
        try (Admin admin = Kafka.admin(bootstrap)) {
            assertFalse(admin.listTopics().names().get().contains(topic),
                    "the broker creates topics on demand, but a tail must never ask it to");
        }
    }

    @Test
    void aSinkThatThrowsDoesNotStopTheTail() {
        String topic = Names.unique("flaky");
        Kafka.createTopic(bootstrap, topic, 1);
        Recorder recorder = new Recorder();
        AtomicInteger calls = new AtomicInteger();
        RecordTail tail = RecordTail.open(clients, topic, Isolation.READ_UNCOMMITTED, new StartPosition.End(0),
                batch -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("the browser went away");
                    }
                    recorder.accept(batch);
                }, recorder.problems());
        tails.add(tail);

        Kafka.produce(bootstrap, topic, List.of(new ProducerRecord<>(topic, "k", "lost")));
        await().atMost(PATIENCE).until(() -> calls.get() >= 1);
        Kafka.produce(bootstrap, topic, List.of(new ProducerRecord<>(topic, "k", "delivered")));

        await().atMost(PATIENCE).until(() -> recorder.values().contains("delivered"));
        assertTrue(tail.isRunning());
        assertEquals(List.of(), recorder.problemReports());
    }

    @Test
    void closeStopsTheTailsThreadWithinTwoSeconds() {
        String topic = Names.unique("short-lived");
        Kafka.createTopic(bootstrap, topic, 1);
        RecordTail tail = open(topic, Isolation.READ_UNCOMMITTED, new StartPosition.End(0), new Recorder());
        assertTrue(threadsNamed("streamlab-tail-" + topic) == 1 && tail.isRunning());

        long started = System.nanoTime();
        tail.close();

        assertTrue(System.nanoTime() - started < Duration.ofSeconds(2).toNanos());
        assertFalse(tail.isRunning());
        assertEquals(0, threadsNamed("streamlab-tail-" + topic));
        tail.close();
    }

    static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).count();
    }

    private static List<String> valuesOf(Recorder recorder, int partition) {
        return recorder.records().stream().filter(r -> r.partition() == partition).map(TailRecord::value).toList();
    }

    private void produceBytes(String topic, Map<String, Object> extra, List<ProducerRecord<byte[], byte[]>> records) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        config.putAll(extra);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record, (metadata, e) -> {
                    if (e != null) {
                        throw new IllegalStateException("could not produce to " + topic, e);
                    }
                });
            }
            producer.flush();
        }
    }
}
