package dev.streamlab.kafka.aggregate;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.kafka.actions.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Chapter 1's demo, batch versus stream, on the real broker: runs the batch job, keeps one running aggregation per
 * watched topic (shared by every watcher, stopped with the last, at most {@link #MAX_STREAMS} topics at once), writes
 * orders on request or as a steady trickle, and recreates a topic empty. It writes only to topics whose names start
 * with {@link #OWN_PREFIX}, so it can neither wipe nor pollute a learner's own topics; it reads any topic.
 * Refusals are {@link ActionException}s worded for the learner. Thread-safe.
 */
public final class BatchStreamLab implements AutoCloseable {
    public static final String DEFAULT_TOPIC = DemoTopics.DEFAULT_TOPIC;
    public static final String OWN_PREFIX = DemoTopics.OWN_PREFIX;
    public static final int PARTITIONS = DemoTopics.PARTITIONS;
    /** Running aggregations at once: each is a consumer and a thread on the learner's machine. */
    public static final int MAX_STREAMS = 4;
    public static final int MAX_TRICKLES = Trickles.MAX_TRICKLES;
    public static final int MAX_PER_SECOND = Trickles.MAX_PER_SECOND;
    public static final int MAX_ORDERS_AT_ONCE = OrderWriter.MAX_ORDERS_AT_ONCE;
    private static final int KEPT_BATCHES = 16;
    private static final Logger LOG = LoggerFactory.getLogger(BatchStreamLab.class);

    private final KafkaClients clients;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Shutdown shutdown = new Shutdown();
    private final KafkaWait kafka;
    private final DemoTopics topics;
    private final OrderWriter writer;
    private final Map<String, Watched> watched = new HashMap<>();
    private final Map<String, BatchResult> batches = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BatchResult> eldest) {
            return size() > KEPT_BATCHES;
        }
    };
    private final Trickles trickles;

    public BatchStreamLab(KafkaClients clients, Clock clock) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.kafka = new KafkaWait(clients);
        this.topics = new DemoTopics(clients, kafka, shutdown);
        this.writer = new OrderWriter(clients, clock, kafka, topics, shutdown);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "streamlab-batch-stream");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
        this.trickles = new Trickles(scheduler, topics, writer, this::changed);
    }

    /** One watched topic: its running aggregation and who listens to it. */
    private static final class Watched {
        final List<Consumer<DemoState>> listeners = new CopyOnWriteArrayList<>();
        RunningTotals running;
    }

    // ---------------------------------------------------------------- batch

    /**
     * Runs the batch job over {@code topic} as it stands now, remembers the result as the topic's last batch and
     * tells the topic's watchers.
     *
     * @throws ActionException BAD_REQUEST for a bad name, NOT_FOUND for a missing topic, UNAVAILABLE without Kafka
     */
    public BatchResult runBatch(String topic) {
        DemoTopics.checkName(topic);
        BatchResult result = BatchJob.run(clients, topic, clock);
        synchronized (batches) {
            batches.put(topic, result);
        }
        changed(topic);
        return result;
    }

    // ---------------------------------------------------------------- stream

    /**
     * Watches {@code topic}: the listener hears the demo's state at once, then after every change (a record read, a
     * batch run, a trickle started or stopped), until the watch is closed. Listeners of one topic are called one at
     * a time, in order, and should be quick.
     *
     * @throws ActionException BAD_REQUEST for a bad name, CONFLICT when {@link #MAX_STREAMS} other topics are watched
     */
    public Watch watch(String topic, Consumer<DemoState> listener) {
        DemoTopics.checkName(topic);
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
            listener.accept(stateOf(topic, w));
        }
        return new Watch(topic, w, listener);
    }

    /** How many running aggregations (each one consumer) exist right now. */
    public int streams() {
        synchronized (watched) {
            return watched.size();
        }
    }

    /** One watcher's hold on a topic's running aggregation; the last one to close stops it. */
    public final class Watch implements AutoCloseable {
        private final String topic;
        private final Watched watchedTopic;
        private final Consumer<DemoState> listener;
        private final AtomicBoolean closedOnce = new AtomicBoolean();

        private Watch(String topic, Watched watchedTopic, Consumer<DemoState> listener) {
            this.topic = topic;
            this.watchedTopic = watchedTopic;
            this.listener = listener;
        }

        public String topic() {
            return topic;
        }

        @Override
        public void close() {
            if (!closedOnce.compareAndSet(false, true)) {
                return;
            }
            RunningTotals stopping = null;
            synchronized (watched) {
                watchedTopic.listeners.remove(listener);
                if (watchedTopic.listeners.isEmpty() && watched.get(topic) == watchedTopic) {
                    watched.remove(topic);
                    stopping = watchedTopic.running;
                }
            }
            if (stopping != null) {
                stopping.close();
            }
        }
    }

    private void changed(String topic) {
        Watched w;
        synchronized (watched) {
            w = watched.get(topic);
        }
        if (w == null) {
            return;
        }
        // Computed inside the lock: whoever calls last sends the newest state, so watchers never go back in time.
        synchronized (w) {
            DemoState state = stateOf(topic, w);
            for (Consumer<DemoState> listener : w.listeners) {
                try {
                    listener.accept(state);
                } catch (RuntimeException e) {
                    LOG.warn("A watcher of the batch-stream demo on {} failed", topic, e);
                }
            }
        }
    }

    private DemoState stateOf(String topic, Watched w) {
        BatchResult batch;
        synchronized (batches) {
            batch = batches.get(topic);
        }
        return DemoState.of(w.running.state(), batch, trickleState(topic));
    }

    // ---------------------------------------------------------------- writing orders

    /**
     * Writes {@code count} orders of the demo's sequence to {@code topic} now and waits until Kafka has them all.
     *
     * @throws ActionException BAD_REQUEST for a count out of 1..{@value #MAX_ORDERS_AT_ONCE}, FORBIDDEN outside the
     *                         demo's topics, NOT_FOUND for a missing topic, UNAVAILABLE without Kafka
     */
    public OrdersAdded addOrders(String topic, int count) {
        DemoTopics.checkOwn(topic);
        return writer.write(topic, count);
    }

    /**
     * Starts ({@code on}) a trickle of {@code perSecond} orders a second to {@code topic}, replacing one running at
     * another rate, or stops it.
     *
     * @throws ActionException BAD_REQUEST for a rate out of 1..{@value #MAX_PER_SECOND}, FORBIDDEN outside the demo's
     *                         topics, NOT_FOUND for a missing topic, CONFLICT beyond {@link #MAX_TRICKLES} trickles
     */
    public TrickleState trickle(String topic, int perSecond, boolean on) {
        DemoTopics.checkOwn(topic);
        return on ? trickles.start(topic, perSecond) : trickles.stop(topic);
    }

    /** The trickle of {@code topic}: off with nothing produced when there never was one. */
    public TrickleState trickleState(String topic) {
        return trickles.state(topic);
    }

    // ---------------------------------------------------------------- reset

    /**
     * Deletes {@code topic} if it exists and creates it again, empty, with {@value #PARTITIONS} partitions; forgets its
     * last batch, starts its order sequence and its running aggregation again. A running trickle goes on.
     *
     * @throws ActionException FORBIDDEN outside the demo's topics, UNAVAILABLE without Kafka
     */
    public TopicReset reset(String topic) {
        DemoTopics.checkOwn(topic);
        writer.withWritesStopped(() -> {
            topics.recreate(topic);
            synchronized (batches) {
                batches.remove(topic);
            }
            writer.restartSequence(topic);
            trickles.restartCount(topic);
            RunningTotals running;
            synchronized (watched) {
                Watched w = watched.get(topic);
                running = w == null ? null : w.running;
            }
            if (running != null) {
                running.restart();
            }
        });
        changed(topic);
        return new TopicReset(topic, PARTITIONS);
    }



    // ---------------------------------------------------------------- Kafka plumbing









    /** Stops every trickle and running aggregation, then the producer and the Admin client. */
    @Override
    public void close() {
        List<RunningTotals> running = new ArrayList<>();
        synchronized (watched) {
            shutdown.begin();
            watched.values().forEach(w -> running.add(w.running));
            watched.clear();
        }
        trickles.close();
        running.forEach(RunningTotals::close);
        scheduler.shutdownNow();
        writer.close();
        topics.close();
    }
}
