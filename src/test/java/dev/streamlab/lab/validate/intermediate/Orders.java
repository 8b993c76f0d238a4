package dev.streamlab.lab.validate.intermediate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamlab.testing.Kafka;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Order events for the tests, built like the quest's producer writes them: {@code {"order_id", "customer", "amount",
 * "event_time"}}, keyed by customer. Times are offsets in seconds from {@link #T0}, a whole minute ten minutes ago,
 * so event time and the records' timestamps (now) clearly differ.
 */
final class Orders {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Epoch seconds of a whole minute ten minutes before the test runs. */
    static final long T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES).getEpochSecond();

    private final String topic;
    private final List<ProducerRecord<String, String>> records = new ArrayList<>();
    private int nextId;

    private Orders(String topic) {
        this.topic = topic;
    }

    static Orders to(String topic) {
        return new Orders(topic);
    }

    /** An order of {@code customer} that happened {@code seconds} after T0, event_time in epoch seconds with a fraction. */
    Orders at(double seconds, String customer) {
        return with(customer, event(customer).put("event_time", T0 + seconds));
    }

    /** One order of {@code customer} at each of these offsets, in this order. */
    Orders at(String customer, double... seconds) {
        for (double s : seconds) {
            at(s, customer);
        }
        return this;
    }

    Orders withValue(String customer, String value) {
        records.add(new ProducerRecord<>(topic, customer, value));
        nextId++;
        return this;
    }

    ObjectNode event(String customer) {
        return JSON.createObjectNode().put("order_id", nextId).put("customer", customer).put("amount", 10 * (nextId + 1));
    }

    Orders with(String customer, ObjectNode value) {
        records.add(new ProducerRecord<>(topic, customer, value.toString()));
        nextId++;
        return this;
    }

    void produce() {
        Kafka.produce(Bench.BOOTSTRAP, topic, records);
    }

    /**
     * The usual input of these tests: orders of two customers over four minutes in time order, then one late order
     * of cust-1 that happened in the first minute but arrives after its order of the fourth, in the same partition.
     * The first minute holds 4 events with the late one.
     */
    static void withOneLateEvent(String topic) {
        Kafka.createTopic(Bench.BOOTSTRAP, topic, 3);
        to(topic).at(5, "cust-1").at(10, "cust-2").at(20.5, "cust-1").at(70, "cust-1").at(75, "cust-2")
                .at(95, "cust-1").at(130, "cust-1").at(140, "cust-2").at(185, "cust-1")
                .at(30, "cust-1")   // late: minute 0, after minute 3 in cust-1's partition
                .produce();
    }
}
