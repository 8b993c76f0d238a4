package dev.streamlab.lab.validate.advanced;

import dev.streamlab.kafka.guarantees.Order;
import dev.streamlab.kafka.guarantees.OutputRecord;
import dev.streamlab.testing.Kafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A consume-process-produce worker of the test's own, written the way learners write theirs, right or wrong: with or
 * without transactions, offsets committed in the transaction or by the consumer, keyed by any function of the order.
 * A "kill" abandons the worker after it wrote a batch and before it committed anything, as SIGKILL would.
 */
final class TestAggregator {
    private static final int BATCH = 10;

    /** How the worker is written. */
    record Style(boolean transactional, boolean offsetsInTransaction, Function<Order, String> key) {
        Style {
            Objects.requireNonNull(key, "key");
        }

        static Style exactlyOnce() {
            return new Style(true, true, Order::customer);
        }

        Style withKey(Function<Order, String> key) {
            return new Style(transactional, offsetsInTransaction, key);
        }
    }

    private final String bootstrap;
    private final String input;
    private final String group;
    private final String output;
    private final Style style;
    private final List<AutoCloseable> abandoned = new ArrayList<>();

    TestAggregator(String bootstrap, String input, String group, String output, Style style) {
        this.bootstrap = bootstrap;
        this.input = input;
        this.group = group;
        this.output = output;
        this.style = style;
    }

    /** Runs until the whole input is processed. */
    void runToEnd() {
        run(-1);
    }

    /** Runs, and is killed right after writing (not committing) its {@code batch}-th batch (1 = the first). */
    void killedAfterWriting(int batch) {
        run(batch);
    }

    private void run(int killAtBatch) {
        KafkaProducer<String, String> producer = Kafka.producer(bootstrap, style.transactional()
                ? Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group + "-tx") : Map.of());
        KafkaConsumer<String, String> consumer = Kafka.consumer(bootstrap, group, Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, BATCH));
        if (style.transactional()) {
            producer.initTransactions(); // fences and aborts whatever a killed instance left open
        }
        closeAbandoned();
        Map<String, Long> totals = committedTotals();
        consumer.subscribe(List.of(input));
        int batch = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done(consumer)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the test worker did not finish " + input + " within 30 s");
            }
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
            if (records.isEmpty()) {
                continue;
            }
            batch++;
            Map<String, Long> batchTotals = new HashMap<>(totals);
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            if (style.transactional()) {
                producer.beginTransaction();
            }
            for (ConsumerRecord<String, String> r : records) {
                Order order = Order.parse(r.value());
                long total = batchTotals.merge(order.customer(), order.amountCents(), Long::sum);
                producer.send(new ProducerRecord<>(output, style.key().apply(order),
                        new OutputRecord(order.orderId(), order.customer(), order.amountCents(), total).toJson()));
                next.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            }
            producer.flush();
            if (batch == killAtBatch) {
                // Killed: nothing more happens. A transactional worker's transaction stays open until it is fenced.
                abandoned.add(producer);
                consumer.close(); // without a commit, like a dead process whose session ends
                return;
            }
            if (style.transactional() && style.offsetsInTransaction()) {
                producer.sendOffsetsToTransaction(next, consumer.groupMetadata());
            }
            if (style.transactional()) {
                producer.commitTransaction();
            }
            if (!style.transactional() || !style.offsetsInTransaction()) {
                consumer.commitSync(next);
            }
            totals = batchTotals;
        }
        consumer.close();
        producer.close();
    }

    private boolean done(KafkaConsumer<String, String> consumer) {
        if (consumer.assignment().isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        return consumer.assignment().stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
    }

    private Map<String, Long> committedTotals() {
        Map<String, Long> totals = new HashMap<>();
        for (ConsumerRecord<String, String> r : Kafka.readAll(bootstrap, output, "read_committed")) {
            OutputRecord record = OutputRecord.parse(r.value());
            totals.put(record.customer(), record.totalCents());
        }
        return totals;
    }

    private void closeAbandoned() {
        for (AutoCloseable c : abandoned) {
            try {
                if (c instanceof KafkaProducer<?, ?> p) {
                    p.close(Duration.ZERO);
                }
            } catch (RuntimeException e) {
                // a fenced producer may complain on close; it is dead either way
            }
        }
        abandoned.clear();
    }
}
