package dev.streamlab.kafka.guarantees;

import dev.streamlab.kafka.KafkaClients;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** The input of the delivery-guarantee chapter: deterministic orders and a producer that writes them once. */
public final class Orders {
    /** Event time of the first generated order: 2026-11-25T11:20:00Z, in epoch seconds. */
    public static final long FIRST_EVENT_TIME_S = 1_795_605_600L;

    private Orders() {
    }

    /**
     * {@code count} orders {@code o-000001..}, spread over customers {@code cust-0..cust-(customers-1)}, amounts from
     * 1.00 to 99.99, one second of event time apart; the same seed gives the same list.
     */
    public static List<Order> generate(int count, int customers, long seed) {
        if (count < 0 || customers < 1) {
            throw new IllegalArgumentException("need count >= 0 and customers >= 1, got " + count + ", " + customers);
        }
        Random random = new Random(seed);
        List<Order> orders = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            orders.add(new Order(String.format("o-%06d", i), "cust-" + random.nextInt(customers),
                    100 + random.nextInt(9_900), (FIRST_EVENT_TIME_S + i - 1) * 1000L));
        }
        return List.copyOf(orders);
    }

    /** The expected running-total end state: each customer's sum of amounts, in cents. */
    public static Map<String, Long> totalsCents(List<Order> orders) {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Order o : orders) {
            totals.merge(o.customer(), o.amountCents(), Long::sum);
        }
        return totals;
    }

    /** Writes the orders (key = customer) with an idempotent producer and waits until every one is acknowledged. */
    public static void produce(KafkaClients clients, String topic, List<Order> orders) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(clients.config(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "streamlab-orders",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)))) {
            List<Future<?>> sent = new ArrayList<>(orders.size());
            for (Order o : orders) {
                sent.add(producer.send(new ProducerRecord<>(topic, o.customer(), o.toJson())));
            }
            producer.flush();
            for (Future<?> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing orders to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not produce orders to " + topic + ": " + e.getCause(), e.getCause());
        }
    }
}
