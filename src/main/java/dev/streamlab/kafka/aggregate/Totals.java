package dev.streamlab.kafka.aggregate;

import java.util.List;

/**
 * The aggregate both jobs compute: per customer the count and sum of their orders (sorted by customer), the overall
 * order count and sum, and how many records were not orders (counted, never guessed at). Two runs over the same
 * records give equal totals, whichever way they read them.
 */
public record Totals(long records, long orders, long amountCents, long unreadable, List<CustomerTotal> customers) {
    public Totals {
        customers = List.copyOf(customers);
        if (records != orders + unreadable) {
            throw new IllegalArgumentException("every record is an order or unreadable: " + records + " != " + orders
                    + " + " + unreadable);
        }
        if (customers.stream().mapToLong(CustomerTotal::orders).sum() != orders) {
            throw new IllegalArgumentException("the customers' orders must add up to " + orders);
        }
    }

    /** Nothing read yet. */
    public static Totals empty() {
        return new Totals(0, 0, 0, 0, List.of());
    }
}
