package dev.streamlab.kafka.guarantees;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamlab.kafka.EventTime;

import java.util.Objects;

/**
 * One order on the input topic, keyed by {@code customer}. Its JSON value is
 * {@code {"order_id":"o-000042","customer":"cust-3","amount":12.5,"event_time":1795605600}}: the amount in currency
 * units with at most two decimals (held here in cents), the event time in epoch seconds (held here in millis).
 */
public record Order(String orderId, String customer, long amountCents, long eventTimeMs) {

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customer, "customer");
        if (orderId.isBlank() || customer.isBlank()) {
            throw new IllegalArgumentException("an order needs an order id and a customer");
        }
        if (amountCents < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amountCents + " cents");
        }
    }

    public String toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("order_id", orderId);
        n.put("customer", customer);
        n.put("amount", Json.units(amountCents));
        n.put("event_time", Math.floorDiv(eventTimeMs, 1000L));
        return n.toString();
    }

    /**
     * Reads an order's JSON value; {@link IllegalArgumentException} names the missing or wrong field. The event time
     * is read by the lab's one rule for it ({@link EventTime}): epoch seconds, epoch milliseconds or ISO-8601.
     */
    public static Order parse(String json) {
        JsonNode root = Json.object(json, "an order");
        long eventTimeMs;
        try {
            eventTimeMs = EventTime.parse(root.get("event_time")).millis();
        } catch (EventTime.Unreadable e) {
            throw new IllegalArgumentException("an order needs an \"event_time\" (epoch seconds, epoch milliseconds or "
                    + "ISO-8601): " + e.getMessage());
        }
        return new Order(Json.text(root, "order_id", "an order"), Json.text(root, "customer", "an order"),
                Json.cents(root, "amount", "an order"), eventTimeMs);
    }
}
