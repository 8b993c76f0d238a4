package dev.streamlab.kafka.aggregate;

import java.util.Objects;

/** One customer's line of the totals: how many orders and their sum, in cents; both only ever grow. */
public record CustomerTotal(String customer, long orders, long amountCents) {
    public CustomerTotal {
        Objects.requireNonNull(customer, "customer");
        if (orders < 1 || amountCents < 0) {
            throw new IllegalArgumentException("a customer line has at least one order and a sum of 0 or more, got "
                    + orders + " orders, " + amountCents + " cents");
        }
    }
}
