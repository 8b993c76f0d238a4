package dev.streamlab.kafka.aggregate;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.kafka.actions.Problem;
import dev.streamlab.kafka.guarantees.Order;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Chapter 1's demo, batch versus stream, on the real broker: runs the batch job, keeps one running aggregation per
 * watched topic (shared by every watcher, stopped with the last, at most {@link #MAX_STREAMS} topics at once), writes
 * orders on request or as a steady trickle, and recreates a topic empty. It writes only to topics whose names start
 * with {@link #OWN_PREFIX}, so it can neither wipe nor pollute a learner's own topics; it reads any topic.
 * Refusals are {@link ActionException}s worded for the learner. Thread-safe.
 */
public final class BatchStreamLab implements AutoCloseable {
    public static final String DEFAULT_TOPIC = "bs-orders";
    public static final String OWN_PREFIX = "bs-";
    public static final int PARTITIONS = 3;
    /** Running aggregations at once: each is a consumer and a thread on the learner's machine. */
    public static final int MAX_STREAMS = 4;
    public static final int MAX_TRICKLES = 4;
    public static final int MAX_PER_SECOND = 20;
    public static final int MAX_ORDERS_AT_ONCE = 1000;
    /** The order sequence's seed: the same customers and amounts in the same order every time. */
    static final long SEED = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Deleting a topic finishes in the background; recreating it waits this long for the name to be free. */
    private static final Duration RECREATE_PATIENCE = Duration.ofSeconds(15);
    private static final int KEPT_BATCHES = 16;
    private static final Logger LOG = LoggerFactory.getLogger(BatchStreamLab.class);

    private final KafkaClients clients;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Watched> watched = new HashMap<>();
    private final Map<String, BatchResult> batches = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BatchResult> eldest) {
            return size() > KEPT_BATCHES;
        }
    };
    private final Map<String, Trickle> trickles = new HashMap<>();
    private final Map<String, OrderSequence> sequences = new HashMap<>();
    /** Held while a topic is recreated: nothing is written meanwhile, or the broker would auto-create it. */
    private final ReentrantLock writes = new ReentrantLock();
    private Admin admin;
    private KafkaProducer<String, String> producer;
    private volatile boolean closed;

    public BatchStreamLab(KafkaClients clients, Clock clock) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "streamlab-batch-stream");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
    }

    /** One watched topic: its running aggregation and who listens to it. */
    private static final class Watched {
        final List<Consumer<DemoState>> listeners = new CopyOnWriteArrayList<>();
        RunningTotals running;
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

    // ---------------------------------------------------------------- batch

    /**
     * Runs the batch job over {@code topic} as it stands now, remembers the result as the topic's last batch and
     * tells the topic's watchers.
     *
     * @throws ActionException BAD_REQUEST for a bad name, NOT_FOUND for a missing topic, UNAVAILABLE without Kafka
     */
    public BatchResult runBatch(String topic) {
        checkName(topic);
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
        checkName(topic);
        Objects.requireNonNull(listener, "listener");
        Watched w;
        synchronized (watched) {
            if (closed) {
                throw new ActionException(Problem.UNAVAILABLE, "the lab is shutting down; start it again.");
            }
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
        checkOwn(topic);
        if (count < 1 || count > MAX_ORDERS_AT_ONCE) {
            throw new ActionException(Problem.BAD_REQUEST, "\"count\" is how many orders to write at once: a number "
                    + "from 1 to " + MAX_ORDERS_AT_ONCE + ", got " + count + ".");
        }
        writes.lock();
        try {
            requireExists(topic);
            List<Order> orders = new ArrayList<>(count);
            synchronized (sequences) {
                OrderSequence sequence = sequences.computeIfAbsent(topic, t -> new OrderSequence(SEED));
                for (int i = 0; i < count; i++) {
                    orders.add(sequence.next(clock.millis()));
                }
            }
            List<Future<?>> sent = new ArrayList<>(count);
            for (Order order : orders) {
                sent.add(producer().send(new ProducerRecord<>(topic, order.customer(), order.toJson())));
            }
            for (Future<?> future : sent) {
                await(future, topic);
            }
            return new OrdersAdded(topic, count, orders.get(0).orderId(), orders.get(count - 1).orderId());
        } finally {
            writes.unlock();
        }
    }

    /**
     * Starts ({@code on}) a trickle of {@code perSecond} orders a second to {@code topic}, replacing one running at
     * another rate, or stops it.
     *
     * @throws ActionException BAD_REQUEST for a rate out of 1..{@value #MAX_PER_SECOND}, FORBIDDEN outside the demo's
     *                         topics, NOT_FOUND for a missing topic, CONFLICT beyond {@link #MAX_TRICKLES} trickles
     */
    public TrickleState trickle(String topic, int perSecond, boolean on) {
        checkOwn(topic);
        if (!on) {
            synchronized (trickles) {
                Trickle trickle = trickles.get(topic);
                if (trickle != null) {
                    trickle.on = false;
                    trickle.task.cancel(false);
                }
            }
            changed(topic);
            return trickleState(topic);
        }
        if (perSecond < 1 || perSecond > MAX_PER_SECOND) {
            throw new ActionException(Problem.BAD_REQUEST, "\"perSecond\" is how many orders a second to write: a "
                    + "number from 1 to " + MAX_PER_SECOND + ", got " + perSecond + ".");
        }
        requireExists(topic);
        synchronized (trickles) {
            Trickle old = trickles.get(topic);
            if (old != null && old.on && old.perSecond == perSecond) {
                return trickleState(topic);
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
        changed(topic);
        return trickleState(topic);
    }

    private void tick(String topic, Trickle trickle) {
        if (!writes.tryLock()) {
            return; // the topic is being recreated: this order is skipped, the next one goes
        }
        try {
            synchronized (trickles) {
                if (!trickle.on) {
                    return;
                }
            }
            // About once a second: a trickle into a deleted topic would make the broker create it with its defaults.
            if (trickle.ticks++ % trickle.perSecond == 0 && !exists(topic)) {
                synchronized (trickles) {
                    trickle.on = false;
                    trickle.problem = "topic " + topic + " no longer exists, so the trickle stopped; Reset creates it "
                            + "again.";
                    trickle.task.cancel(false);
                }
                changed(topic);
                return;
            }
            Order order;
            synchronized (sequences) {
                order = sequences.computeIfAbsent(topic, t -> new OrderSequence(SEED)).next(clock.millis());
            }
            producer().send(new ProducerRecord<>(topic, order.customer(), order.toJson()), (metadata, error) -> {
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
        } finally {
            writes.unlock();
        }
    }

    /** The trickle of {@code topic}: off with nothing produced when there never was one. */
    public TrickleState trickleState(String topic) {
        synchronized (trickles) {
            Trickle trickle = trickles.get(topic);
            return trickle == null ? TrickleState.off(topic)
                    : new TrickleState(topic, trickle.on, trickle.on ? trickle.perSecond : 0, trickle.produced,
                    trickle.problem);
        }
    }

    // ---------------------------------------------------------------- reset

    /**
     * Deletes {@code topic} if it exists and creates it again, empty, with {@value #PARTITIONS} partitions; forgets its
     * last batch, starts its order sequence and its running aggregation again. A running trickle goes on.
     *
     * @throws ActionException FORBIDDEN outside the demo's topics, UNAVAILABLE without Kafka
     */
    public TopicReset reset(String topic) {
        checkOwn(topic);
        writes.lock();
        try {
            if (exists(topic)) {
                await(admin().deleteTopics(List.of(topic)).all(), topic);
            }
            create(topic);
            synchronized (batches) {
                batches.remove(topic);
            }
            synchronized (sequences) {
                sequences.remove(topic);
            }
            synchronized (trickles) {
                Trickle trickle = trickles.get(topic);
                if (trickle != null) {
                    trickle.produced = 0;
                }
            }
            RunningTotals running;
            synchronized (watched) {
                Watched w = watched.get(topic);
                running = w == null ? null : w.running;
            }
            if (running != null) {
                running.restart();
            }
        } finally {
            writes.unlock();
        }
        changed(topic);
        return new TopicReset(topic, PARTITIONS);
    }

    private void create(String topic) {
        long giveUpAt = System.nanoTime() + RECREATE_PATIENCE.toNanos();
        while (true) {
            try {
                await(admin().createTopics(List.of(new NewTopic(topic, Optional.of(PARTITIONS), Optional.empty())))
                        .all(), topic);
                break;
            } catch (TopicExistsException e) {
                // The deletion is still going on in the background.
                if (System.nanoTime() > giveUpAt) {
                    throw new ActionException(Problem.UNAVAILABLE, "Kafka is still deleting the old " + topic
                            + "; wait a few seconds and press Reset again.");
                }
                pause();
            }
        }
        while (!exists(topic)) {
            if (System.nanoTime() > giveUpAt) {
                throw unavailable();
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException(Problem.UNAVAILABLE, "interrupted while waiting for Kafka; retry.");
        }
    }

    // ---------------------------------------------------------------- Kafka plumbing

    private boolean exists(String topic) {
        try {
            admin().describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException || e.getCause() instanceof InvalidTopicException) {
                return false;
            }
            throw unavailable();
        } catch (java.util.concurrent.TimeoutException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    private void requireExists(String topic) {
        if (!exists(topic)) {
            throw new ActionException(Problem.NOT_FOUND, "there is no topic \"" + topic + "\" yet; press Reset (POST "
                    + "/api/batch-stream/reset) to create it with " + PARTITIONS + " partitions.");
        }
    }

    /** Waits for a Kafka call; a refusal we expect (the topic exists) is thrown as it is, for the caller to handle. */
    private void await(Future<?> future, String topic) {
        try {
            future.get(TIMEOUT.toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException exists) {
                throw exists;
            }
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ActionException(Problem.NOT_FOUND, "topic \"" + topic + "\" went away meanwhile; press Reset.");
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unavailable();
            }
            throw new ActionException(Problem.UNAVAILABLE, "Kafka refused: " + e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    private ActionException unavailable() {
        return new ActionException(Problem.UNAVAILABLE, "Kafka at " + clients.bootstrapServers()
                + " is not answering; start it again and retry.");
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new ActionException(Problem.UNAVAILABLE, "the lab is shutting down; start it again.");
        }
        if (admin == null) {
            admin = clients.admin("streamlab-batch-stream", (int) TIMEOUT.toMillis());
        }
        return admin;
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (closed) {
            throw new ActionException(Problem.UNAVAILABLE, "the lab is shutting down; start it again.");
        }
        if (producer == null) {
            try {
                producer = new KafkaProducer<>(clients.config(Map.of(
                        ProducerConfig.CLIENT_ID_CONFIG, "streamlab-batch-stream",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, 5,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis(),
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() - 1000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() + 1000,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
            } catch (KafkaException e) {
                throw new ActionException(Problem.UNAVAILABLE, "the lab could not make a producer: " + e.getMessage());
            }
        }
        return producer;
    }

    private static void checkName(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new ActionException(Problem.BAD_REQUEST, "say which topic: \"topic\" is missing or empty, for "
                    + "example \"" + DEFAULT_TOPIC + "\".");
        }
        try {
            Topic.validate(topic);
        } catch (InvalidTopicException e) {
            throw new ActionException(Problem.BAD_REQUEST, "\"" + topic + "\" is not a topic name Kafka accepts: "
                    + e.getMessage() + ". Use ASCII letters, digits, '.', '_' and '-'.");
        }
    }

    private static void checkOwn(String topic) {
        checkName(topic);
        if (!topic.startsWith(OWN_PREFIX)) {
            throw new ActionException(Problem.FORBIDDEN, "the demo writes only to its own topics, whose names start "
                    + "with \"" + OWN_PREFIX + "\" (so it never wipes or fills one of yours); use \"" + DEFAULT_TOPIC
                    + "\" or another name starting with \"" + OWN_PREFIX + "\". It reads any topic.");
        }
    }

    /** Stops every trickle and running aggregation, then the producer and the Admin client. */
    @Override
    public void close() {
        List<RunningTotals> running = new ArrayList<>();
        synchronized (watched) {
            closed = true;
            watched.values().forEach(w -> running.add(w.running));
            watched.clear();
        }
        synchronized (trickles) {
            trickles.values().forEach(t -> {
                t.on = false;
                t.task.cancel(false);
            });
        }
        running.forEach(RunningTotals::close);
        scheduler.shutdownNow();
        KafkaProducer<String, String> p;
        Admin a;
        synchronized (this) {
            closed = true;
            p = producer;
            a = admin;
            producer = null;
            admin = null;
        }
        if (p != null) {
            p.close(Duration.ofSeconds(2));
        }
        if (a != null) {
            a.close(Duration.ofSeconds(2));
        }
    }
}
