package dev.streamlab.kafka.tail;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tail's share of the page's latency budget (p99 below 100 ms from produce to browser at 1,000 records/s):
 * from the producer's send (the record's CreateTime) to the sink, on a warm JVM.
 */
class TailLatencyTest {
    private static final int WARM_UP = 1000;
    private static final int MEASURED = 2000;

    @Test
    void atAThousandRecordsASecondNinetyNinePercentReachTheSinkWithinTheWholeBudget() {
        String bootstrap = TestBroker.bootstrapServers();
        String topic = Names.unique("latency");
        Kafka.createTopic(bootstrap, topic, 3);
        List<Long> delays = Collections.synchronizedList(new ArrayList<>());
        try (RecordTail tail = RecordTail.open(new KafkaClients(bootstrap, Map.of()), topic, Isolation.READ_UNCOMMITTED,
                new StartPosition.End(0), batch -> {
                    long now = System.currentTimeMillis();
                    batch.records().forEach(r -> delays.add(now - r.timestamp()));
                }, problem -> { });
             KafkaProducer<String, String> producer = Kafka.producer(bootstrap, Map.of())) {
            producer.partitionsFor(topic); // metadata first, so the first sends are not held up by it
            long start = System.nanoTime();
            for (int i = 0; i < WARM_UP + MEASURED; i++) {
                LockSupport.parkNanos(start + i * 1_000_000L - System.nanoTime()); // one record a millisecond
                producer.send(new ProducerRecord<>(topic, "k-" + (i % 30), "v-" + i));
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(20)).until(() -> delays.size() >= WARM_UP + MEASURED);
            assertTrue(tail.isRunning());
        }
        List<Long> measured;
        synchronized (delays) {
            measured = delays.subList(WARM_UP, WARM_UP + MEASURED).stream().sorted().toList();
        }
        assertEquals(MEASURED, measured.size());
        long p50 = measured.get(MEASURED / 2);
        long p99 = measured.get(MEASURED * 99 / 100);
        System.out.printf("produce -> tail sink at 1000 records/s, %d records after %d of warm-up: "
                + "p50 %d ms, p99 %d ms, max %d ms%n", MEASURED, WARM_UP, p50, p99, measured.get(MEASURED - 1));
        // Includes the producer's linger (5 ms by default) and the broker; the tail alone must leave room for the
        // hub and the browser, so taking the whole budget is a failure (typical here: p99 10-50 ms on two busy cores).
        assertTrue(p99 < 100, "p99 " + p99 + " ms");
    }
}
