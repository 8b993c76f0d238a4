package dev.streamlab.kafka.aggregate;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.actions.ActionException;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
    public static final int MAX_STREAMS = RunningStreams.MAX_STREAMS;
    public static final int MAX_TRICKLES = Trickles.MAX_TRICKLES;
    public static final int MAX_PER_SECOND = Trickles.MAX_PER_SECOND;
    public static final int MAX_ORDERS_AT_ONCE = OrderWriter.MAX_ORDERS_AT_ONCE;

    private final KafkaClients clients;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Shutdown shutdown = new Shutdown();
    private final LastBatches batches = new LastBatches();
    private final DemoTopics topics;
    private final OrderWriter writer;
    private final RunningStreams streams;
    private final Trickles trickles;

    public BatchStreamLab(KafkaClients clients, Clock clock) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = newScheduler();
        KafkaWait kafka = new KafkaWait(clients);
        this.topics = new DemoTopics(clients, kafka, shutdown);
        this.writer = new OrderWriter(clients, clock, kafka, topics, shutdown);
        this.streams = new RunningStreams(clients, clock, scheduler, shutdown, this::describe);
        this.trickles = new Trickles(scheduler, topics, writer, streams::changed);
    }

    /** Two daemon threads shared by the streams' retries and the trickles, so the lab never holds up the JVM's exit. */
    private static ScheduledExecutorService newScheduler() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "streamlab-batch-stream");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /**
     * Runs the batch job over {@code topic} as it stands now, remembers the result as the topic's last batch and
     * tells the topic's watchers.
     *
     * @throws ActionException BAD_REQUEST for a bad name, NOT_FOUND for a missing topic not of the demo, UNAVAILABLE without Kafka
     */
    public BatchResult runBatch(String topic) {
        DemoTopics.checkName(topic);
        if (topic.startsWith(DemoTopics.OWN_PREFIX)) {
            topics.ensureExists(topic); // a fresh lab's first batch reads an empty topic rather than failing
        }
        BatchResult result = BatchJob.run(clients, topic, clock);
        batches.remember(topic, result);
        streams.changed(topic);
        return result;
    }

    /**
     * Watches {@code topic}: the listener hears the demo's state at once, then after every change (a record read, a
     * batch run, a trickle started or stopped), until the watch is closed. Listeners of one topic are called one at
     * a time, in order, and should be quick.
     *
     * @throws ActionException BAD_REQUEST for a bad name, CONFLICT when {@link #MAX_STREAMS} other topics are watched
     */
    public Watch watch(String topic, Consumer<DemoState> listener) {
        DemoTopics.checkName(topic);
        return new Watch(topic, streams.watch(topic, listener));
    }

    /** How many running aggregations (each one consumer) exist right now. */
    public int streams() {
        return streams.count();
    }

    /** One watcher's hold on a topic's running aggregation; the last one to close stops it. */
    public static final class Watch implements AutoCloseable {
        private final String topic;
        private final Runnable release;

        private Watch(String topic, Runnable release) {
            this.topic = topic;
            this.release = release;
        }

        public String topic() {
            return topic;
        }

        @Override
        public void close() {
            release.run();
        }
    }

    private DemoState describe(RunningState stream) {
        return DemoState.of(stream, batches.of(stream.topic()), trickles.state(stream.topic()));
    }

    /**
     * Writes {@code count} orders of the demo's sequence to {@code topic} now and waits until Kafka has them all.
     *
     * @throws ActionException BAD_REQUEST for a count out of 1..{@value #MAX_ORDERS_AT_ONCE}, FORBIDDEN outside the
     *                         demo's topics, UNAVAILABLE without Kafka
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
     *                         topics, CONFLICT beyond {@link #MAX_TRICKLES} trickles
     */
    public TrickleState trickle(String topic, int perSecond, boolean on) {
        DemoTopics.checkOwn(topic);
        return on ? trickles.start(topic, perSecond) : trickles.stop(topic);
    }

    /** The trickle of {@code topic}: off with nothing produced when there never was one. */
    public TrickleState trickleState(String topic) {
        return trickles.state(topic);
    }

    /**
     * Deletes {@code topic} if it exists and creates it again, empty, with {@value #PARTITIONS} partitions; forgets its
     * last batch, starts its order sequence and its running aggregation again. A running trickle goes on.
     *
     * @throws ActionException FORBIDDEN outside the demo's topics, UNAVAILABLE without Kafka
     */
    public TopicReset reset(String topic) {
        DemoTopics.checkOwn(topic);
        // Writes wait: one landing between the delete and the create would make the broker create it with its defaults.
        writer.withWritesStopped(() -> {
            topics.recreate(topic);
            batches.forget(topic);
            writer.restartSequence(topic);
            trickles.restartCount(topic);
            streams.restart(topic);
        });
        streams.changed(topic);
        return new TopicReset(topic, PARTITIONS);
    }

    /** Stops every trickle and running aggregation, then the producer and the Admin client. */
    @Override
    public void close() {
        // First, so that whatever would start during the close (a watch, a Kafka client) is refused instead.
        shutdown.begin();
        trickles.close();
        streams.close();
        scheduler.shutdownNow();
        writer.close();
        topics.close();
    }
}
