package dev.streamlab.kafka.guarantees;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The orders chaos writes: stable ids {@code o-000001...}, a customer that is also the key, an amount and an
 * event time. (Stands in for the shared {@code Orders} generator until both branches meet.)
 */
final class ChaosOrders {
    static final int CUSTOMERS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FIRST_EVENT_TIME_MS = 1_795_605_600_000L;

    private ChaosOrders() {
    }

    record ChaosOrder(String orderId, String customer, long amountCents, long eventTimeMs) {
        String json() {
            ObjectNode node = JSON.createObjectNode();
            node.put("order_id", orderId);
            node.put("customer", customer);
            node.put("amount", amountCents / 100.0);
            node.put("event_time", eventTimeMs / 1000);
            return node.toString();
        }
    }

    static List<ChaosOrder> generate(int count, int customers, long seed) {
        Random random = new Random(seed);
        List<ChaosOrder> orders = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            orders.add(new ChaosOrder(String.format("o-%06d", i), "cust-" + (1 + random.nextInt(customers)),
                    100 + random.nextInt(9_900), FIRST_EVENT_TIME_MS + i * 1000L + random.nextInt(1000)));
        }
        return orders;
    }
}
