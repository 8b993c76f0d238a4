package dev.streamlab.kafka.aggregate;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.kafka.actions.Problem;
import dev.streamlab.kafka.guarantees.Order;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes the demo's orders through one producer, each topic its own repeatable {@link OrderSequence}, and never while
 * a topic is being recreated ({@link #withWritesStopped}).
 */
final class OrderWriter implements AutoCloseable {
    static final int MAX_ORDERS_AT_ONCE = 1000;
    /** The order sequence's seed: the same customers and amounts in the same order every time. */
    static final long SEED = 1;

    private final KafkaClients clients;
    private final Clock clock;
    private final KafkaWait kafka;
    private final DemoTopics topics;
    private final Shutdown shutdown;
    private final Map<String, OrderSequence> sequences = new HashMap<>();
    /** Held while a topic is recreated: nothing is written meanwhile, or the broker would auto-create it. */
    private final ReentrantLock writes = new ReentrantLock();
    private KafkaProducer<String, String> producer;

    OrderWriter(KafkaClients clients, Clock clock, KafkaWait kafka, DemoTopics topics, Shutdown shutdown) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
    }

    /**
     * Writes the next {@code count} orders of the topic's sequence now and waits until Kafka has them all.
     *
     * @throws ActionException BAD_REQUEST for a count out of 1..{@value #MAX_ORDERS_AT_ONCE}, UNAVAILABLE without Kafka (a missing
     *                         topic of the demo is created first)
     */
    OrdersAdded write(String topic, int count) {
        if (count < 1 || count > MAX_ORDERS_AT_ONCE) {
            throw new ActionException(Problem.BAD_REQUEST, "\"count\" is how many orders to write at once: a number "
                    + "from 1 to " + MAX_ORDERS_AT_ONCE + ", got " + count + ".");
        }
        writes.lock();
        try {
            topics.ensureExists(topic);
            List<Order> orders = new ArrayList<>(count);
            synchronized (sequences) {
                OrderSequence sequence = sequences.computeIfAbsent(topic, t -> new OrderSequence(SEED));
                for (int i = 0; i < count; i++) {
                    orders.add(sequence.next(clock.millis()));
                }
            }
            List<Future<?>> sent = new ArrayList<>(count);
            for (Order order : orders) {
                sent.add(producer().send(new ProducerRecord<>(topic, order.customer(), order.toJson())));
            }
            for (Future<?> future : sent) {
                kafka.await(future, topic);
            }
            return new OrdersAdded(topic, count, orders.get(0).orderId(), orders.get(count - 1).orderId());
        } finally {
            writes.unlock();
        }
    }

    /** Sends the topic's next order without waiting; {@code done} hears how it went. Use within {@link #ifWritable}. */
    void sendNext(String topic, Callback done) {
        Order order;
        synchronized (sequences) {
            order = sequences.computeIfAbsent(topic, t -> new OrderSequence(SEED)).next(clock.millis());
        }
        producer().send(new ProducerRecord<>(topic, order.customer(), order.toJson()), done);
    }

    /** Runs {@code work} unless a topic is being recreated right now, in which case it skips it rather than wait. */
    void ifWritable(Runnable work) {
        if (!writes.tryLock()) {
            return;
        }
        try {
            work.run();
        } finally {
            writes.unlock();
        }
    }

    /** Runs {@code work} (a topic's recreation) with every write held off until it is done. */
    void withWritesStopped(Runnable work) {
        writes.lock();
        try {
            work.run();
        } finally {
            writes.unlock();
        }
    }

    /** The topic's next order is its sequence's first again. */
    void restartSequence(String topic) {
        synchronized (sequences) {
            sequences.remove(topic);
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        shutdown.refuseIfBegun();
        if (producer == null) {
            try {
                producer = new KafkaProducer<>(clients.config(Map.of(
                        ProducerConfig.CLIENT_ID_CONFIG, "streamlab-batch-stream",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, 5,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) KafkaWait.TIMEOUT.toMillis(),
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KafkaWait.TIMEOUT.toMillis() - 1000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) KafkaWait.TIMEOUT.toMillis() + 1000,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
            } catch (KafkaException e) {
                throw new ActionException(Problem.UNAVAILABLE, "the lab could not make a producer: " + e.getMessage());
            }
        }
        return producer;
    }

    /** Closes the producer; orders it still holds get up to two seconds to go out. */
    @Override
    public void close() {
        KafkaProducer<String, String> p;
        synchronized (this) {
            p = producer;
            producer = null;
        }
        if (p != null) {
            p.close(Duration.ofSeconds(2));
        }
    }
}
