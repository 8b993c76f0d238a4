package dev.streamlab.kafka.aggregate;

import dev.streamlab.kafka.guarantees.Order;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds up record values one at a time into {@link Totals}: an order's JSON counts for its customer, anything else
 * counts as unreadable. The batch job and the running aggregation share it, so they can only differ in what they
 * read, never in how they add. Not thread-safe: its owner keeps it to one thread or its own lock.
 */
final class Tally {
    private final Map<String, long[]> byCustomer = new TreeMap<>();
    private long records;
    private long orders;
    private long amountCents;
    private long unreadable;

    void add(String value) {
        records++;
        Order order;
        try {
            order = value == null ? null : Order.parse(value);
        } catch (IllegalArgumentException e) {
            order = null;
        }
        if (order == null) {
            unreadable++;
            return;
        }
        orders++;
        amountCents += order.amountCents();
        long[] line = byCustomer.computeIfAbsent(order.customer(), c -> new long[2]);
        line[0]++;
        line[1] += order.amountCents();
    }

    Totals totals() {
        List<CustomerTotal> customers = new ArrayList<>(byCustomer.size());
        byCustomer.forEach((customer, line) -> customers.add(new CustomerTotal(customer, line[0], line[1])));
        return new Totals(records, orders, amountCents, unreadable, customers);
    }
}
