package dev.streamlab.kafka.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.engine.EngineConfig;
import dev.streamlab.engine.WindowSpec;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowedPipelineTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long NOON = 1795608000000L; // 2026-11-25T12:00:00Z
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String bootstrap = TestBroker.bootstrapServers();
    private final KafkaClients clients = new KafkaClients(bootstrap, Map.of());
    private Pipelines pipelines;
    private KafkaProducer<String, String> producer;

    @BeforeEach
    void setUp() {
        pipelines = new Pipelines(clients);
        producer = Kafka.producer(bootstrap, Map.of());
    }

    @AfterEach
    void tearDown() {
        pipelines.close();
        producer.close();
    }

    private PipelineSpec spec(String id, int partitions, long boundMs) {
        String input = Names.unique(id + "-in");
        Kafka.createTopic(bootstrap, input, partitions);
        return new PipelineSpec(id, input, input + "-output", input + "-late",
                EngineConfig.of(new WindowSpec.Tumbling(60_000), boundMs, 0).withPartitions(partitions));
    }

    private RecordMetadata send(String topic, int partition, String key, String value) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition, key, value);
        return producer.send(record).get();
    }

    private RecordMetadata sendAt(String topic, int partition, String value, long arrivalMs) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition, null, value);
        record.headers().add(new RecordHeader(WindowedPipeline.ARRIVAL_HEADER, Long.toString(arrivalMs).getBytes(StandardCharsets.US_ASCII)));
        return producer.send(record).get();
    }

    @Test
    void aMalformedRecordIsCountedAndSkippedAndThePipelineGoesOn() throws Exception {
        PipelineSpec spec = spec("malformed", 1, 0);
        List<String> unreadable = Collections.synchronizedList(new ArrayList<>());
        List<PipelineStep> steps = Collections.synchronizedList(new ArrayList<>());
        WindowedPipeline pipeline = pipelines.start(spec, new PipelineListener() {
            @Override
            public void onStep(PipelineStep step) {
                steps.add(step);
            }

            @Override
            public void onUnreadable(int partition, long offset, String reason) {
                unreadable.add(offset + ": " + reason);
            }
        });
        send(spec.inputTopic(), 0, "k", "{\"key\":\"a\",\"ts\":" + NOON + ",\"value\":2}");
        send(spec.inputTopic(), 0, "k", "this is not json");
        send(spec.inputTopic(), 0, "k", "{\"key\":\"a\",\"ts\":\"yesterday\"}");
        RecordMetadata last = send(spec.inputTopic(), 0, "k", "{\"key\":\"a\",\"ts\":" + (NOON + 61_000) + ",\"value\":3}");
        pipeline.awaitProcessed(0, last.offset(), WAIT);

        PipelineSnapshot snapshot = pipeline.snapshot();
        assertEquals(2, snapshot.unreadable(), "unreadable records counted");
        assertEquals(2, snapshot.eventsProcessed(), "only the readable records reach the engine");
        assertEquals(2, unreadable.size());
        assertTrue(unreadable.get(0).startsWith("1: not JSON"), unreadable.get(0));
        assertTrue(unreadable.get(1).startsWith("2: ts:"), unreadable.get(1));
        assertEquals(List.of(0L, 3L), steps.stream().map(PipelineStep::offset).toList());

        // the window [12:00, 12:01) fired with the first record only, keyed by the JSON key
        var output = Kafka.readAll(bootstrap, spec.outputTopic(), "read_committed");
        assertEquals(1, output.size());
        JsonNode firing = MAPPER.readTree(output.get(0).value());
        assertEquals("a", output.get(0).key());
        assertEquals(NOON, firing.get("start").asLong());
        assertEquals(1, firing.get("count").asLong());
        assertEquals(2.0, firing.get("sum").asDouble());
        assertEquals("event", firing.get("domain").asText());
        assertEquals("watermark", firing.get("cause").asText());
        assertEquals(1, firing.get("afterEvent").asLong());
    }

    @Test
    void eventTimeInSecondsOrIsoIsReadAndAMissingKeyComesFromTheRecordKey() throws Exception {
        PipelineSpec spec = spec("event-time", 1, 0);
        List<PipelineStep> steps = Collections.synchronizedList(new ArrayList<>());
        WindowedPipeline pipeline = pipelines.start(spec, steps::add);
        send(spec.inputTopic(), 0, "cust-1", "{\"order_id\":1,\"amount\":10,\"event_time\":" + (NOON / 1000) + ".25}");
        send(spec.inputTopic(), 0, "cust-2", "{\"key\":\"cust-9\",\"event_time\":\"2026-11-25T12:00:30Z\"}");
        send(spec.inputTopic(), 0, "cust-3", "{\"event_time\":" + (NOON + 40_000) + "}");
        RecordMetadata last = send(spec.inputTopic(), 0, null, "{\"event_time\":\"2026-11-25T13:00:40+01:00\",\"value\":1}");
        pipeline.awaitProcessed(0, last.offset(), WAIT);

        assertEquals(List.of(NOON + 250, NOON + 30_000, NOON + 40_000, NOON + 40_000),
                steps.stream().map(PipelineStep::eventTime).toList());
        assertEquals(List.of("cust-1", "cust-9", "cust-3", "∅"), steps.stream().map(PipelineStep::key).toList());
        assertEquals(0, pipeline.snapshot().unreadable());
    }

    @Test
    void withTwoPartitionsTheCombinedWatermarkWaitsForTheSlowerPartition() throws Exception {
        PipelineSpec spec = spec("two-partitions", 2, 0);
        WindowedPipeline pipeline = pipelines.startVirtual(spec, PipelineListener.NONE, 0);
        RecordMetadata a = sendAt(spec.inputTopic(), 0, "{\"key\":\"a\",\"ts\":" + (NOON + 5_000) + "}", NOON + 5_000);
        pipeline.awaitProcessed(0, a.offset(), WAIT);
        assertEquals(Long.MIN_VALUE, pipeline.snapshot().watermark(), "partition 1 has no watermark yet");

        RecordMetadata b = sendAt(spec.inputTopic(), 1, "{\"key\":\"b\",\"ts\":" + (NOON + 2_000) + "}", NOON + 6_000);
        pipeline.awaitProcessed(1, b.offset(), WAIT);
        assertEquals(NOON + 1_999, pipeline.snapshot().watermark(), "the slower partition 1 decides");

        RecordMetadata c = sendAt(spec.inputTopic(), 0, "{\"key\":\"a\",\"ts\":" + (NOON + 90_000) + "}", NOON + 90_000);
        pipeline.awaitProcessed(0, c.offset(), WAIT);
        PipelineSnapshot snapshot = pipeline.snapshot();
        assertEquals(List.of(NOON + 89_999, NOON + 1_999), snapshot.partitionWatermarks());
        assertEquals(NOON + 1_999, snapshot.watermark(), "partition 0 ran ahead; the combined watermark still waits");
        assertEquals(0, snapshot.firings(), "so [12:00, 12:01) has not fired");

        RecordMetadata d = sendAt(spec.inputTopic(), 1, "{\"key\":\"b\",\"ts\":" + (NOON + 70_000) + "}", NOON + 91_000);
        pipeline.awaitProcessed(1, d.offset(), WAIT);
        assertEquals(NOON + 69_999, pipeline.snapshot().watermark());
        assertEquals(2, pipeline.snapshot().firings(), "now [12:00, 12:01) fires for a and b");
        assertEquals(2, Kafka.readAll(bootstrap, spec.outputTopic(), "read_committed").size());
    }

    @Test
    void aPipelineRefusesAnInputTopicWithAnotherPartitionCount() {
        PipelineSpec spec = spec("wrong-partitions", 3, 0);
        PipelineSpec two = new PipelineSpec(spec.id(), spec.inputTopic(), spec.outputTopic(), spec.lateTopic(),
                spec.config().withPartitions(2));
        PipelineException e = assertThrows(PipelineException.class, () -> pipelines.start(two, PipelineListener.NONE));
        assertTrue(e.getMessage().contains("has 3 partitions but the pipeline is configured for 2"), e.getMessage());
        assertTrue(pipelines.list().isEmpty());
    }

    @Test
    void endOfInputFiresTheRemainingWindowsAndReportsAStepForPartitionMinusOne() throws Exception {
        PipelineSpec spec = spec("end", 1, 10_000);
        List<PipelineStep> steps = Collections.synchronizedList(new ArrayList<>());
        WindowedPipeline pipeline = pipelines.start(spec, step -> {
            steps.add(step);
            throw new IllegalStateException("a listener that fails never stops the pipeline");
        });
        RecordMetadata m = send(spec.inputTopic(), 0, "k", "{\"key\":\"a\",\"ts\":" + NOON + ",\"value\":4.5}");
        pipeline.awaitProcessed(0, m.offset(), WAIT);
        assertEquals(0, pipeline.snapshot().firings());

        pipeline.endOfInput();
        assertEquals(1, pipeline.snapshot().firings());
        assertTrue(pipeline.snapshot().ended());
        PipelineStep end = steps.get(steps.size() - 1);
        assertEquals(-1, end.partition());
        assertTrue(end.log().stream().anyMatch(e -> e instanceof dev.streamlab.engine.LogEntry.WindowFired));
        var output = Kafka.readAll(bootstrap, spec.outputTopic(), "read_committed");
        assertEquals(1, output.size(), "end of input returns after its firing is in Kafka");
        JsonNode firing = MAPPER.readTree(output.get(0).value());
        assertEquals("end_of_input", firing.get("cause").asText());
        assertTrue(firing.get("afterEvent").isNull());
        assertTrue(pipeline.isRunning());
    }

    @Test
    void aPipelineRefusesAMissingInputTopic() {
        PipelineSpec spec = new PipelineSpec("missing", Names.unique("missing"), Names.unique("out"), Names.unique("late"),
                EngineConfig.of(new WindowSpec.Tumbling(60_000), 0, 0));
        PipelineException e = assertThrows(PipelineException.class, () -> pipelines.start(spec, PipelineListener.NONE));
        assertTrue(e.getMessage().endsWith("does not exist"), e.getMessage());
    }

    @Test
    void startingUnderTheSameIdReconfiguresThePipeline() {
        PipelineSpec spec = spec("reconfigure", 1, 0);
        WindowedPipeline first = pipelines.start(spec, PipelineListener.NONE);
        PipelineSpec wider = new PipelineSpec(spec.id(), spec.inputTopic(), spec.outputTopic(), spec.lateTopic(),
                EngineConfig.of(new WindowSpec.Tumbling(3_600_000), 0, 0));
        WindowedPipeline second = pipelines.start(wider, PipelineListener.NONE);
        assertTrue(!first.isRunning(), "the old pipeline stopped");
        assertTrue(second.isRunning());
        assertEquals(List.of(wider), pipelines.list());
        assertTrue(pipelines.stop(spec.id()));
        assertTrue(pipelines.get(spec.id()).isEmpty());
    }
}
