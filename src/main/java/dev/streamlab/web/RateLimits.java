package dev.streamlab.web;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per client for requests that change something: {@code burst} at once, then {@code perSecond}. At most
 * {@code maxClients} buckets are kept; full ones (idle clients) are forgotten first, so a flood of addresses cannot
 * grow the heap. Time comes from {@code nanoTime}, so a test can step it.
 */
final class RateLimits {
    /** Far above what a person clicks or a learner's script needs, far below what would slow the lab for others. */
    static final int DEFAULT_BURST = 120;
    static final double DEFAULT_PER_SECOND = 5;
    static final int DEFAULT_MAX_CLIENTS = 10_000;

    private final int burst;
    private final double perSecond;
    private final int maxClients;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true); // least recently used first

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    RateLimits(int burst, double perSecond, int maxClients, LongSupplier nanoTime) {
        if (burst < 1 || !(perSecond > 0) || maxClients < 1) {
            throw new IllegalArgumentException("a rate limit needs a burst of at least 1, a positive rate and room for a client");
        }
        this.burst = burst;
        this.perSecond = perSecond;
        this.maxClients = maxClients;
        this.nanoTime = nanoTime;
    }

    static RateLimits defaults() {
        return new RateLimits(DEFAULT_BURST, DEFAULT_PER_SECOND, DEFAULT_MAX_CLIENTS, System::nanoTime);
    }

    /** Empty when {@code client} may go ahead now (and one token is spent); else the whole seconds until it may. */
    synchronized OptionalLong take(String client) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            makeRoom(now);
            bucket = new Bucket(burst, now);
            buckets.put(client, bucket);
        }
        bucket.tokens = refilled(bucket, now);
        bucket.at = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond)));
    }

    private double refilled(Bucket bucket, long now) {
        return Math.min(burst, bucket.tokens + (now - bucket.at) / 1e9 * perSecond);
    }

    private void makeRoom(long now) {
        if (buckets.size() < maxClients) {
            return;
        }
        // Least recently used first; one whose bucket has refilled has nothing to remember.
        Iterator<Bucket> it = buckets.values().iterator();
        while (it.hasNext() && buckets.size() >= maxClients) {
            if (refilled(it.next(), now) >= burst) {
                it.remove();
            }
        }
        if (buckets.size() >= maxClients) {
            it = buckets.values().iterator();
            it.next();
            it.remove(); // all busy: the least recent one starts over with a full bucket, which costs at most one burst
        }
    }
}
