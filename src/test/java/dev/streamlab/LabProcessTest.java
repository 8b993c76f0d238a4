package dev.streamlab;

import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.Http;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.LabProcess;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole lab in its own JVM, as a user starts, stops and (by accident) kills it. */
class LabProcessTest {

    @TempDir
    Path workDir;

    @Test
    void theLabStopsCleanlyOnSigtermAndFindsEverythingAgainAfterARestartAndAfterAKill() throws Exception {
        int webPort = FreePorts.next();
        int kafkaPort = FreePorts.next();
        String[] args = {"--port", String.valueOf(webPort), "--kafka-port", String.valueOf(kafkaPort), "--data-dir", "data"};
        String bootstrap = "127.0.0.1:" + kafkaPort;

        try (LabProcess lab = LabProcess.start(workDir, args)) {
            assertTrue(lab.printed("open http://127.0.0.1:" + webPort), lab.output().toString());
            assertTrue(lab.printed("Kafka " + bootstrap + " (embedded"), lab.output().toString());
            assertEquals(200, Http.get("http://127.0.0.1:" + webPort + "/api/health").statusCode());
            Kafka.createTopic(bootstrap, "orders", 3);
            produce(bootstrap, 0, 20);
            consumeAndCommit(bootstrap, 20);

            assertTrue(lab.terminate(Duration.ofSeconds(10)), "stopped within 10 s of SIGTERM");
            await("the goodbye line").atMost(Duration.ofSeconds(5)).until(() -> lab.printed("Streamlab stopped."));
        }

        try (LabProcess lab = LabProcess.start(workDir, args)) {
            assertEquals(20, Kafka.readAll(bootstrap, "orders", "read_uncommitted").size());
            assertEquals(20, committedTotal(bootstrap));
            produce(bootstrap, 20, 10);
            lab.kill();
        }

        try (LabProcess lab = LabProcess.start(workDir, args)) {
            assertEquals(30, Kafka.readAll(bootstrap, "orders", "read_uncommitted").size());
            assertEquals(20, committedTotal(bootstrap), "the group's offsets survived the kill");
            assertTrue(lab.terminate(Duration.ofSeconds(10)));
        }
    }

    private static void produce(String bootstrap, int from, int count) {
        Kafka.produce(bootstrap, "orders", IntStream.range(from, from + count)
                .mapToObj(i -> new ProducerRecord<>("orders", "cust-" + (i % 4), "{\"order_id\":" + i + "}")).toList());
    }

    private static void consumeAndCommit(String bootstrap, int expected) {
        try (KafkaConsumer<String, String> consumer = Kafka.consumer(bootstrap, "billing", Map.of())) {
            consumer.subscribe(List.of("orders"));
            assertEquals(expected, Kafka.pollUntil(consumer, expected, Duration.ofSeconds(20)).size());
            consumer.commitSync();
        }
    }

    private static long committedTotal(String bootstrap) {
        return Kafka.committedOffsets(bootstrap, "billing").values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    }
}
