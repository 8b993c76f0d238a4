package dev.streamlab.web;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A token bucket per client: a burst at once, then a steady rate; time is stepped by hand. */
class RateLimitsTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(42 * SECOND);

    @Test
    void aClientMaySendItsBurstAtOnceAndIsThenToldHowLongToWait() {
        RateLimits limits = new RateLimits(3, 0.5, 10, now::get);
        for (int i = 0; i < 3; i++) {
            assertTrue(limits.take("a").isEmpty(), "request " + i + " is within the burst");
        }
        assertEquals(OptionalLong.of(2), limits.take("a"), "at half a token a second the next one is 2 s away");
    }

    @Test
    void theBucketRefillsAtItsRateUpToTheBurst() {
        RateLimits limits = new RateLimits(2, 1, 10, now::get);
        limits.take("a");
        limits.take("a");
        assertTrue(limits.take("a").isPresent());
        now.addAndGet(SECOND);
        assertTrue(limits.take("a").isEmpty(), "one second gave one token back");
        now.addAndGet(3600 * SECOND);
        assertTrue(limits.take("a").isEmpty());
        assertTrue(limits.take("a").isEmpty());
        assertTrue(limits.take("a").isPresent(), "an hour's rest refills the burst and no more");
    }

    @Test
    void oneClientSpendingItsBucketDoesNotSlowAnother() {
        RateLimits limits = new RateLimits(1, 1, 10, now::get);
        limits.take("a");
        assertTrue(limits.take("a").isPresent());
        assertTrue(limits.take("b").isEmpty());
    }

    @Test
    void aFloodOfNewClientsForgetsTheIdleOnesAndKeepsTheBusyOnesBounded() {
        RateLimits limits = new RateLimits(1, 1, 2, now::get);
        limits.take("busy");
        for (int i = 0; i < 1_000; i++) {
            limits.take("client-" + i); // each is remembered until room is needed
        }
        // only two buckets are ever kept; whatever was forgotten starts over with a full bucket
        assertTrue(limits.take("another").isEmpty());
    }

    @Test
    void aLimitThatCouldNeverLetARequestThroughIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimits(0, 1, 1, now::get));
        assertThrows(IllegalArgumentException.class, () -> new RateLimits(1, 0, 1, now::get));
    }
}
