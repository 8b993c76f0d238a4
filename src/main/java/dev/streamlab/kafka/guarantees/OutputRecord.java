package dev.streamlab.kafka.guarantees;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * What a worker writes for each order it processes, keyed by customer:
 * {@code {"order_id":"o-000042","customer":"cust-3","amount":12.5,"total":123.4}}, where {@code total} is the
 * customer's running total after this order (currency units, held here in cents).
 */
public record OutputRecord(String orderId, String customer, long amountCents, long totalCents) {

    public OutputRecord {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customer, "customer");
    }

    public String toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("order_id", orderId);
        n.put("customer", customer);
        n.put("amount", Json.units(amountCents));
        n.put("total", Json.units(totalCents));
        return n.toString();
    }

    public static OutputRecord parse(String json) {
        JsonNode root = Json.object(json, "an output record");
        return new OutputRecord(Json.text(root, "order_id", "an output record"),
                Json.text(root, "customer", "an output record"),
                Json.cents(root, "amount", "an output record"), Json.cents(root, "total", "an output record"));
    }
}
