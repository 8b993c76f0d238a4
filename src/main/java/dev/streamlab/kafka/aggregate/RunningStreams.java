package dev.streamlab.kafka.aggregate;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.kafka.actions.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One running aggregation per watched topic, shared by all of the topic's listeners and stopped with the last, at
 * most {@link #MAX_STREAMS} topics at once; {@code describe} turns a topic's running state into what they hear.
 */
final class RunningStreams implements AutoCloseable {
    /** Running aggregations at once: each is a consumer and a thread on the learner's machine. */
    static final int MAX_STREAMS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(RunningStreams.class);

    private final KafkaClients clients;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Shutdown shutdown;
    private final Function<RunningState, DemoState> describe;
    private final Map<String, Watched> watched = new HashMap<>();

    RunningStreams(KafkaClients clients, Clock clock, ScheduledExecutorService scheduler, Shutdown shutdown,
                   Function<RunningState, DemoState> describe) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
        this.describe = Objects.requireNonNull(describe, "describe");
    }

    /** One watched topic: its running aggregation and who listens to it. */
    private static final class Watched {
        final List<Consumer<DemoState>> listeners = new CopyOnWriteArrayList<>();
        RunningTotals running;
    }

    /**
     * Adds {@code listener} to the topic's running aggregation, starting it if it is the first, and tells it the
     * state at once. Returns the release: only its first run counts, and the last watcher's release stops the stream.
     *
     * @throws ActionException CONFLICT when {@link #MAX_STREAMS} other topics are watched, UNAVAILABLE when closing
     */
    Runnable watch(String topic, Consumer<DemoState> listener) {
        Objects.requireNonNull(listener, "listener");
        Watched w;
        synchronized (watched) {
            shutdown.refuseIfBegun();
            w = watched.get(topic);
            if (w == null) {
                if (watched.size() >= MAX_STREAMS) {
                    throw new ActionException(Problem.CONFLICT, "the lab already runs " + MAX_STREAMS + " streams ("
                            + String.join(", ", watched.keySet().stream().sorted().toList()) + "), its limit on a "
                            + "laptop; close a page that watches one of them and try again.");
                }
                w = new Watched();
                watched.put(topic, w);
                w.running = new RunningTotals(clients, topic, clock, scheduler, () -> changed(topic));
            }
            w.listeners.add(listener);
        }
        synchronized (w) {
            listener.accept(describe.apply(w.running.state()));
        }
        Watched held = w;
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            // Twice would remove another watcher's entry when both passed the same listener.
            if (released.compareAndSet(false, true)) {
                release(topic, held, listener);
            }
        };
    }

    private void release(String topic, Watched w, Consumer<DemoState> listener) {
        RunningTotals stopping = null;
        synchronized (watched) {
            w.listeners.remove(listener);
            if (w.listeners.isEmpty() && watched.get(topic) == w) {
                watched.remove(topic);
                stopping = w.running;
            }
        }
        if (stopping != null) {
            stopping.close();
        }
    }

    /** How many running aggregations (each one consumer) exist right now. */
    int count() {
        synchronized (watched) {
            return watched.size();
        }
    }

    /** Tells the topic's listeners its state now; nothing when nobody watches it. */
    void changed(String topic) {
        Watched w;
        synchronized (watched) {
            w = watched.get(topic);
        }
        if (w == null) {
            return;
        }
        // Computed inside the lock: whoever calls last sends the newest state, so watchers never go back in time.
        synchronized (w) {
            DemoState state = describe.apply(w.running.state());
            for (Consumer<DemoState> listener : w.listeners) {
                try {
                    listener.accept(state);
                } catch (RuntimeException e) {
                    LOG.warn("A watcher of the batch-stream demo on {} failed", topic, e);
                }
            }
        }
    }

    /** Starts the topic's running aggregation again from nothing (the topic was recreated), if it is watched. */
    void restart(String topic) {
        RunningTotals running;
        synchronized (watched) {
            Watched w = watched.get(topic);
            running = w == null ? null : w.running;
        }
        if (running != null) {
            running.restart();
        }
    }

    /**
     * Stops every running aggregation. The lab's {@link Shutdown} has begun before, so no watch starts one after.
     */
    @Override
    public void close() {
        List<RunningTotals> running = new ArrayList<>();
        synchronized (watched) {
            watched.values().forEach(w -> running.add(w.running));
            watched.clear();
        }
        running.forEach(RunningTotals::close);
    }
}
