package dev.streamlab.kafka.monitor;

import dev.streamlab.testing.Kafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A group member that keeps polling on its own thread, as a real consumer does (a classic-protocol member that
 * stops polling holds up every rebalance), committing what it read after each poll.
 */
final class PollingConsumer implements AutoCloseable {
    private final Thread thread;
    private final AtomicInteger received = new AtomicInteger();
    private volatile boolean running = true;

    PollingConsumer(String bootstrap, String group, String topic, String clientId, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        KafkaConsumer<String, String> consumer = Kafka.consumer(bootstrap, group, config);
        thread = new Thread(() -> {
            try (consumer) {
                consumer.subscribe(List.of(topic));
                while (running) {
                    int count = consumer.poll(Duration.ofMillis(100)).count();
                    if (count > 0) {
                        received.addAndGet(count);
                        consumer.commitSync();
                    }
                }
            }
        }, "test-consumer-" + clientId);
        thread.setDaemon(true);
        thread.start();
    }

    int received() {
        return received.get();
    }

    /** Stops polling and leaves the group (the consumer's close sends the leave request). */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
