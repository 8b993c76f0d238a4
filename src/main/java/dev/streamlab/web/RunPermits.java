package dev.streamlab.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most {@code count} requests of one expensive kind (simulations, playback controls, pipeline starts) run at once;
 * the next one is answered 503 "busy" at once and never queued, so the cost of one request times the number of
 * callers stays bounded and the cheap routes (health, pages) keep their threads.
 */
final class RunPermits {
    private final Semaphore permits;
    private final int count;
    private final String what;

    /** {@code what} names the kind in the plural, as in "simulations". */
    RunPermits(int count, String what) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        this.permits = new Semaphore(count);
        this.count = count;
        this.what = what;
    }

    /** {@code handler}, run only while a permit is free; the permit is back when it returns or throws. */
    Handler guard(Handler handler) {
        return ctx -> {
            acquire(ctx);
            try {
                handler.handle(ctx);
            } finally {
                permits.release();
            }
        };
    }

    /** {@code work}, run only while a permit is free (refused with 503 otherwise). */
    <T> T run(Context ctx, Supplier<T> work) {
        acquire(ctx);
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    private void acquire(Context ctx) {
        if (!permits.tryAcquire()) {
            ctx.header("Retry-After", "1");
            throw new HttpRefusal(HttpStatus.SERVICE_UNAVAILABLE, "the lab is busy: " + count + " " + what
                    + " are running already (the lab runs at most " + count + " at once); try again in a moment");
        }
    }
}
