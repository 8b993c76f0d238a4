package dev.streamlab.kafka.tail;

import dev.streamlab.kafka.EmbeddedBroker;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.Kafka;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tail outlives its broker: it says Kafka is not answering, then carries on where it was when Kafka is back. */
class TailAcrossBrokerRestartTest {

    @Test
    void aTailReportsThatKafkaIsNotAnsweringAndResumesWhenTheBrokerIsBack(@TempDir Path dataDir) throws Exception {
        int port = FreePorts.next();
        EmbeddedBroker broker = TestBroker.startOwn(dataDir, port);
        Recorder recorder = new Recorder();
        RecordTail tail;
        try {
            Kafka.createTopic(broker.bootstrapServers(), "rides", 2);
            tail = RecordTail.open(new KafkaClients(broker.bootstrapServers(), Map.of()), "rides",
                    Isolation.READ_UNCOMMITTED, new StartPosition.End(0), recorder, recorder.problems());
            Kafka.produce(broker.bootstrapServers(), "rides", List.of(new ProducerRecord<>("rides", "r", "before")));
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.values().equals(List.of("before")));
        } finally {
            broker.close();
        }
        try (RecordTail running = tail) {
            await("the tail notices").atMost(Duration.ofSeconds(20))
                    .until(() -> recorder.problemReports().equals(List.of(RecordTail.NOT_ANSWERING)));
            assertTrue(running.isRunning(), "a missing broker does not stop the tail");

            try (EmbeddedBroker again = TestBroker.startOwn(dataDir, port)) {
                Kafka.produce(again.bootstrapServers(), "rides", List.of(new ProducerRecord<>("rides", "r", "after")));

                await("the tail resumes").atMost(Duration.ofSeconds(30))
                        .until(() -> recorder.values().contains("after"));
                assertEquals(List.of("before", "after"), recorder.values());
                await().atMost(Duration.ofSeconds(10)).until(() -> running.problem() == null);
                assertEquals(Arrays.asList(RecordTail.NOT_ANSWERING, null), recorder.problemReports(),
                        "one report when Kafka went away, one null when it was back");
            }
        }
    }

}
