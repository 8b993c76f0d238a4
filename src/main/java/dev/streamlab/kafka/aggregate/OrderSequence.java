package dev.streamlab.kafka.aggregate;

import dev.streamlab.kafka.guarantees.Order;

import java.util.SplittableRandom;

/**
 * The demo's orders: the n-th order of a sequence always has the same customer (one of {@link #CUSTOMERS}) and amount
 * (1.00 to 99.99), whatever was produced before it, so a run can be repeated; only its event time is the moment
 * it is made. Not thread-safe.
 */
final class OrderSequence {
    static final int CUSTOMERS = 5;

    private final long seed;
    private long next = 1;

    OrderSequence(long seed) {
        this.seed = seed;
    }

    Order next(long eventTimeMs) {
        long n = next++;
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + n);
        return new Order(String.format("o-%06d", n), "customer-" + random.nextInt(CUSTOMERS), 100 + random.nextInt(9_900),
                eventTimeMs);
    }
}
