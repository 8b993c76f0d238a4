package dev.streamlab.kafka.aggregate;

import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.kafka.actions.Problem;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Steady trickles of orders, at most {@link #MAX_TRICKLES} topics at once and {@link #MAX_PER_SECOND} orders a second
 * each; a trickle stops by itself when its topic is deleted. {@code changed} hears the topic whenever its trickle
 * starts or stops.
 */
final class Trickles implements AutoCloseable {
    static final int MAX_TRICKLES = 4;
    static final int MAX_PER_SECOND = 20;

    private final ScheduledExecutorService scheduler;
    private final DemoTopics topics;
    private final OrderWriter writer;
    private final Consumer<String> changed;
    private final Map<String, Trickle> trickles = new HashMap<>();

    Trickles(ScheduledExecutorService scheduler, DemoTopics topics, OrderWriter writer, Consumer<String> changed) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.changed = Objects.requireNonNull(changed, "changed");
    }

    /** One trickle: its rate, what it wrote, and its scheduled task. */
    private static final class Trickle {
        final int perSecond;
        ScheduledFuture<?> task;
        long produced;
        long ticks;
        String problem;
        boolean on = true;

        Trickle(int perSecond) {
            this.perSecond = perSecond;
        }
    }

    /**
     * Starts a trickle of {@code perSecond} orders a second to {@code topic}, replacing one running at another rate;
     * the count of orders written goes on from the replaced one.
     *
     * @throws ActionException BAD_REQUEST for a rate out of 1..{@value #MAX_PER_SECOND},
     *                         CONFLICT beyond {@link #MAX_TRICKLES} trickles
     */
    TrickleState start(String topic, int perSecond) {
        if (perSecond < 1 || perSecond > MAX_PER_SECOND) {
            throw new ActionException(Problem.BAD_REQUEST, "\"perSecond\" is how many orders a second to write: a "
                    + "number from 1 to " + MAX_PER_SECOND + ", got " + perSecond + ".");
        }
        topics.ensureExists(topic);
        synchronized (trickles) {
            Trickle old = trickles.get(topic);
            if (old != null && old.on && old.perSecond == perSecond) {
                return state(topic);
            }
            long running = trickles.values().stream().filter(t -> t.on).count();
            if ((old == null || !old.on) && running >= MAX_TRICKLES) {
                throw new ActionException(Problem.CONFLICT, "the lab already trickles orders into " + MAX_TRICKLES
                        + " topics; stop one of them first.");
            }
            if (old != null) {
                old.on = false;
                old.task.cancel(false);
            }
            Trickle trickle = new Trickle(perSecond);
            trickle.produced = old == null ? 0 : old.produced;
            trickle.task = scheduler.scheduleAtFixedRate(() -> tick(topic, trickle), 0, 1_000_000L / perSecond,
                    TimeUnit.MICROSECONDS);
            trickles.put(topic, trickle);
        }
        changed.accept(topic);
        return state(topic);
    }

    /** Stops the trickle of {@code topic}, if any; what it wrote stays counted. */
    TrickleState stop(String topic) {
        synchronized (trickles) {
            Trickle trickle = trickles.get(topic);
            if (trickle != null) {
                trickle.on = false;
                trickle.task.cancel(false);
            }
        }
        changed.accept(topic);
        return state(topic);
    }

    /** The trickle of {@code topic}: off with nothing produced when there never was one. */
    TrickleState state(String topic) {
        synchronized (trickles) {
            Trickle trickle = trickles.get(topic);
            return trickle == null ? TrickleState.off(topic)
                    : new TrickleState(topic, trickle.on, trickle.on ? trickle.perSecond : 0, trickle.produced,
                    trickle.problem);
        }
    }

    /** Counts the orders written to {@code topic} from zero again (it was recreated empty); its trickle goes on. */
    void restartCount(String topic) {
        synchronized (trickles) {
            Trickle trickle = trickles.get(topic);
            if (trickle != null) {
                trickle.produced = 0;
            }
        }
    }

    private void tick(String topic, Trickle trickle) {
        // While the topic is being recreated this order is skipped, the next one goes.
        writer.ifWritable(() -> write(topic, trickle));
    }

    private void write(String topic, Trickle trickle) {
        try {
            synchronized (trickles) {
                if (!trickle.on) {
                    return;
                }
            }
            // About once a second: a trickle into a deleted topic would make the broker create it with its defaults.
            if (trickle.ticks++ % trickle.perSecond == 0 && !topics.exists(topic)) {
                synchronized (trickles) {
                    trickle.on = false;
                    trickle.problem = "topic " + topic + " no longer exists, so the trickle stopped; Reset creates it "
                            + "again.";
                    trickle.task.cancel(false);
                }
                changed.accept(topic);
                return;
            }
            writer.sendNext(topic, (metadata, error) -> {
                synchronized (trickles) {
                    if (error == null) {
                        trickle.produced++;
                        trickle.problem = null;
                    } else {
                        trickle.problem = "the last order was not written: " + error.getMessage();
                    }
                }
            });
        } catch (RuntimeException e) {
            synchronized (trickles) {
                trickle.problem = "the last order was not written: " + e.getMessage();
            }
        }
    }

    /** Stops every trickle. */
    @Override
    public void close() {
        synchronized (trickles) {
            trickles.values().forEach(t -> {
                t.on = false;
                t.task.cancel(false);
            });
        }
    }
}
