package dev.streamlab.kafka.guarantees;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a downstream consumer of an at-least-once output computes per customer: a naive append-only sum of every
 * record (duplicates counted twice) next to a table upserted on the stable {@code order_id} (a duplicate replaces
 * itself), against the true total of the input orders.
 */
public final class Downstream {
    private Downstream() {
    }

    /** One customer's three sums, in cents. */
    public record Row(String customer, long expectedCents, long upsertCents, long naiveCents) {
        public boolean upsertRight() {
            return upsertCents == expectedCents;
        }

        public boolean naiveRight() {
            return naiveCents == expectedCents;
        }
    }

    public static List<Row> compare(List<Order> input, List<OutputRecord> output) {
        Map<String, Long> expected = new TreeMap<>();
        input.forEach(o -> expected.merge(o.customer(), o.amountCents(), Long::sum));
        Map<String, Long> naive = new HashMap<>();
        Map<String, OutputRecord> byOrder = new HashMap<>();
        for (OutputRecord r : output) {
            naive.merge(r.customer(), r.amountCents(), Long::sum);
            byOrder.put(r.orderId(), r);
        }
        Map<String, Long> upsert = new HashMap<>();
        byOrder.values().forEach(r -> upsert.merge(r.customer(), r.amountCents(), Long::sum));
        return expected.keySet().stream().map(c -> new Row(c, expected.get(c), upsert.getOrDefault(c, 0L),
                naive.getOrDefault(c, 0L))).toList();
    }
}
