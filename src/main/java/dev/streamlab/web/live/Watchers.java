package dev.streamlab.web.live;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who wants to hear that a subject changed: the hub, once per client watching it, so it can send to a client with
 * nothing in flight at once instead of on its next tick. Told on the thread that made the change (a Kafka tail,
 * the monitor...), outside the subject's lock; a watcher only marks its client and wakes the hub's thread, so it is
 * quick and never blocks.
 */
final class Watchers {
    /** Copy on write: watchers come and go with subscriptions, changes come far more often. */
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();

    /** Adds {@code watcher}; closing the result removes it (closing twice does nothing). */
    AutoCloseable add(Runnable watcher) {
        Objects.requireNonNull(watcher, "watcher");
        // A wrapper of our own, so the same runnable added twice is removed once per close.
        Runnable entry = watcher::run;
        watchers.add(entry);
        return () -> watchers.remove(entry);
    }

    void changed() {
        for (Runnable watcher : watchers) {
            watcher.run();
        }
    }
}
