package dev.streamlab.kafka.aggregate;

import dev.streamlab.kafka.guarantees.Order;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's orders are a seeded sequence: the same customers and amounts every time, numbered from o-000001. */
class OrderSequenceTest {
    @Test
    void theSameSeedGivesTheSameCustomersAndAmountsInTheSameOrder() {
        List<Order> a = take(new OrderSequence(1), 50);
        List<Order> b = take(new OrderSequence(1), 50);
        assertEquals(a.stream().map(o -> o.customer() + o.amountCents()).toList(),
                b.stream().map(o -> o.customer() + o.amountCents()).toList());
        assertNotEquals(a.stream().map(Order::customer).toList(),
                take(new OrderSequence(2), 50).stream().map(Order::customer).toList());
        assertEquals("o-000001", a.get(0).orderId());
        assertEquals("o-000050", a.get(49).orderId());
    }

    @Test
    void ordersSpreadOverTheFiveCustomersWithAmountsFromOneToNinetyNine() {
        List<Order> orders = take(new OrderSequence(1), 200);
        assertEquals(OrderSequence.CUSTOMERS, orders.stream().map(Order::customer).distinct().count());
        assertTrue(orders.stream().allMatch(o -> o.amountCents() >= 100 && o.amountCents() <= 9_999));
    }

    private static List<Order> take(OrderSequence sequence, int n) {
        return IntStream.range(0, n).mapToObj(i -> sequence.next(1_795_605_600_000L)).toList();
    }
}
