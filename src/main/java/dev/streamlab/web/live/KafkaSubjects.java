package dev.streamlab.web.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.monitor.ClusterMonitor;
import dev.streamlab.kafka.monitor.ClusterSnapshot;
import dev.streamlab.kafka.tail.Isolation;
import dev.streamlab.kafka.tail.LiveTails;
import dev.streamlab.kafka.tail.StartPosition;
import dev.streamlab.kafka.tail.TailException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The hub's subjects, fed by Kafka: state subjects are recomputed from each monitor snapshot; a topic's live records
 * come from one shared tail per (topic, isolation), however many pages watch; a replay gets a tail of its own.
 * Subjects nobody watches any more are dropped, and their tails closed. Chapter 1's {@code running/TOPIC} subjects
 * come from {@link BatchStreamFeed}, which shares them the same way.
 *
 * <p>Opening a tail may wait seconds for Kafka, and closing one waits for its thread: neither happens under the lock
 * the monitor's refresh and every other subscription take. A tail is reserved under the lock, opened outside it (a
 * second page asking for the same tail meanwhile waits for that one opening only), and closed on a closer thread.
 */
public final class KafkaSubjects implements LiveSources, AutoCloseable {
    /** Records a live stream keeps for clients that fall behind; what a page joining late sees first is less. */
    static final int LIVE_CAPACITY = 2000;
    static final int REPLAY_CAPACITY = 5000;
    /** A page opening a topic sees this many of its latest records at once. */
    static final int BACKLOG_SHOWN = 60;

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSubjects.class);
    /** How long {@link #close()} gives tails still closing; each one's own close waits at most a few seconds. */
    private static final long CLOSING_WAIT_SECONDS = 10;

    private final ClusterMonitor monitor;
    private final TailSource tails;
    private final KafkaClients clients;
    private final Supplier<Map<String, ?>> demoConsumers;
    private final ObjectMapper json;
    private final StateSubject status;
    private final StateSubject cluster;
    private final StateSubject consumers;
    private final Map<String, Shared<StateSubject>> states = new HashMap<>();
    private final Map<String, Shared<RecordStream>> streams = new HashMap<>();
    private final AutoCloseable listener;
    private final PlaybackFeed playback;
    private final GuaranteesFeed guarantees;
    private final BatchStreamFeed running;
    /** Whether the monitor has polled once; before that the status is "not known yet", not "down". */
    private volatile boolean checked;

    /** Closes tails nobody watches any more, so no page and no lock waits for a tail's thread to end. */
    private final ExecutorService closer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "streamlab-tail-closer");
        t.setDaemon(true);
        return t;
    });

    /**
     * A subject, how many clients hold it (guarded by the subjects' lock) and what closes it with the last one: known
     * once its tail opened (at once for state subjects), failed when it could not open.
     */
    private static final class Shared<T> {
        final T subject;
        final CompletableFuture<AutoCloseable> opened;
        int holders;

        Shared(T subject, CompletableFuture<AutoCloseable> opened) {
            this.subject = subject;
            this.opened = opened;
        }
    }

    public KafkaSubjects(ClusterMonitor monitor, LiveTails tails, KafkaClients clients,
                         Supplier<Map<String, ?>> demoConsumers, PlaybackFeed playback, GuaranteesFeed guarantees,
                         BatchStreamFeed running, ObjectMapper json) {
        this(monitor, TailSource.of(tails, clients), clients, demoConsumers, playback, guarantees, running, json);
    }

    public KafkaSubjects(ClusterMonitor monitor, TailSource tails, KafkaClients clients,
                         Supplier<Map<String, ?>> demoConsumers, PlaybackFeed playback, GuaranteesFeed guarantees,
                         BatchStreamFeed running, ObjectMapper json) {
        this.running = Objects.requireNonNull(running, "running");
        this.playback = Objects.requireNonNull(playback, "playback");
        this.guarantees = Objects.requireNonNull(guarantees, "guarantees");
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.tails = Objects.requireNonNull(tails, "tails");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.demoConsumers = Objects.requireNonNull(demoConsumers, "demoConsumers");
        this.json = Objects.requireNonNull(json, "json");
        this.status = new StateSubject("status", json, () -> null);
        this.cluster = new StateSubject("cluster", json, () -> null);
        this.consumers = new StateSubject("consumers", json, () -> null);
        refresh(monitor.latest());
        this.listener = monitor.addListener(snapshot -> {
            checked = true;
            refresh(snapshot);
        });
    }

    private synchronized void refresh(ClusterSnapshot snapshot) {
        status.update(SubjectViews.status(snapshot, clients.bootstrapServers(), checked));
        cluster.update(SubjectViews.cluster(snapshot));
        consumers.update(demoConsumers.get());
        states.forEach((key, shared) -> shared.subject.update(view(key, snapshot)));
    }

    private Map<String, Object> view(String key, ClusterSnapshot snapshot) {
        if (key.startsWith("topic/")) {
            return SubjectViews.topic(snapshot, key.substring("topic/".length()));
        }
        return SubjectViews.group(snapshot, monitor.history(), key.substring("group/".length()));
    }

    /** Demo consumers change by the lab's own actions; their list is refreshed at once rather than on the next poll. */
    public synchronized void consumersChanged() {
        consumers.update(demoConsumers.get());
    }

    @Override
    public Opened<StateSubject> state(String key) throws LiveRequestException {
        // Chapter 1's subjects open a consumer: outside our lock, which the monitor's refresh needs.
        if (key.startsWith(BatchStreamFeed.PREFIX)) {
            return running.open(key);
        }
        return sharedState(key);
    }

    private synchronized Opened<StateSubject> sharedState(String key) throws LiveRequestException {
        switch (key) {
            case "status" -> {
                return new Opened<>(status, 0, () -> { });
            }
            case "cluster" -> {
                return new Opened<>(cluster, 0, () -> { });
            }
            case "consumers" -> {
                return new Opened<>(consumers, 0, () -> { });
            }
            case "playback" -> {
                return new Opened<>(playback.state(), 0, () -> { });
            }
            case "pipelines" -> {
                return new Opened<>(playback.pipelines(), 0, () -> { });
            }
            case "guarantees" -> {
                return new Opened<>(guarantees.state(), 0, () -> { });
            }
            default -> {
                if (!key.startsWith("topic/") && !key.startsWith("group/")) {
                    throw new LiveRequestException("unknown subject " + key);
                }
            }
        }
        Shared<StateSubject> shared = states.computeIfAbsent(key, k -> {
            String groupId = k.substring("group/".length());
            StateSubject subject = new StateSubject(k, json, k.startsWith("group/")
                    ? () -> SubjectViews.lagHistory(monitor.history(), groupId) : () -> null);
            subject.update(view(k, monitor.latest()));
            return new Shared<>(subject, CompletableFuture.completedFuture(() -> { }));
        });
        return hold(states, key, shared);
    }

    @Override
    public Opened<RecordStream> steps(String run) throws LiveRequestException {
        if (!playback.knows(run)) {
            throw new LiveRequestException("no playback run " + run + " (it was replaced by a newer one): load the scenario again");
        }
        return new Opened<>(playback.stream(run), 0, () -> { });
    }

    @Override
    public Opened<RecordStream> records(String topic, String isolation, String from) throws LiveRequestException {
        Isolation level;
        StartPosition start;
        try {
            level = Isolation.parse(isolation);
            start = StartPosition.parse(from);
        } catch (IllegalArgumentException e) {
            throw new LiveRequestException(e.getMessage());
        }
        return "end".equals(from) ? live(topic, level) : replay(topic, level, start);
    }

    private Opened<RecordStream> live(String topic, Isolation isolation) throws LiveRequestException {
        String key = "records/" + isolation.kafkaName() + "/" + topic;
        Shared<RecordStream> shared;
        boolean first;
        Opened<RecordStream> held;
        synchronized (this) { // reserve: the first page to ask opens the tail, the others wait for it
            shared = streams.get(key);
            first = shared == null;
            if (first) {
                shared = new Shared<>(new RecordStream(key, json, LIVE_CAPACITY), new CompletableFuture<>());
                streams.put(key, shared);
            }
            held = hold(streams, key, shared);
        }
        if (first) { // open, outside the lock
            RecordStream stream = shared.subject;
            try {
                shared.opened.complete(open(() -> tails.live(topic, isolation, batch -> stream.append(batch.records()),
                        stream::problem)));
            } catch (LiveRequestException | RuntimeException e) {
                forget(streams, key, shared); // the next page to ask tries again
                shared.opened.completeExceptionally(e);
            }
        }
        try {
            awaitOpened(shared);
        } catch (LiveRequestException | RuntimeException e) {
            closeQuietly(held.release());
            throw e;
        }
        long head = shared.subject.head();
        return new Opened<>(shared.subject, Math.max(0, head - BACKLOG_SHOWN), held.release());
    }

    /** Waits for the tail another page is opening (bounded by the tail's own open timeout); its failure is ours. */
    private static void awaitOpened(Shared<?> shared) throws LiveRequestException {
        try {
            shared.opened.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveRequestException("the lab is shutting down");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LiveRequestException refusal) {
                throw new LiveRequestException(refusal.getMessage());
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private synchronized <T> void forget(Map<String, Shared<T>> registry, String key, Shared<T> shared) {
        registry.remove(key, shared);
    }

    private Opened<RecordStream> replay(String topic, Isolation isolation, StartPosition start) throws LiveRequestException {
        RecordStream stream = new RecordStream("records/" + isolation.kafkaName() + "/" + topic + "@" + start.text(),
                json, REPLAY_CAPACITY);
        AutoCloseable tail = open(() -> tails.replay(topic, isolation, start,
                batch -> stream.append(batch.records()), stream::problem));
        // Closed on the closer thread: the page's unsubscribe, or the hub's flush cutting off a stalled page, never waits for it.
        return new Opened<>(stream, 0, () -> closeLater(tail));
    }

    private static AutoCloseable open(Supplier<AutoCloseable> opener) throws LiveRequestException {
        try {
            return opener.get();
        } catch (TailException e) {
            throw new LiveRequestException(e.getMessage());
        }
    }

    /** Called with our lock held; the release, called once by one client, may come from any thread. */
    private <T> Opened<T> hold(Map<String, Shared<T>> registry, String key, Shared<T> shared) {
        shared.holders++;
        AtomicBoolean released = new AtomicBoolean();
        return new Opened<>(shared.subject, 0, () -> {
            if (released.compareAndSet(false, true)) {
                release(registry, key, shared);
            }
        });
    }

    private <T> void release(Map<String, Shared<T>> registry, String key, Shared<T> shared) {
        boolean last;
        synchronized (this) {
            last = --shared.holders == 0 && registry.remove(key, shared);
        }
        if (last) {
            // A tail still opening is closed once it has opened; one that failed to open has nothing to close.
            shared.opened.thenAccept(this::closeLater);
        }
    }

    /** Closes {@code tail} on the closer thread; inline once the subjects are closed (the lab is going away). */
    private void closeLater(AutoCloseable tail) {
        try {
            closer.execute(() -> closeQuietly(tail));
        } catch (RejectedExecutionException e) {
            closeQuietly(tail);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("a tail failed to close; it is gone anyway", e);
        }
    }

    @Override
    public void close() throws Exception {
        listener.close();
        running.close();
        synchronized (this) {
            for (Shared<RecordStream> shared : streams.values()) {
                shared.opened.thenAccept(this::closeLater);
            }
            streams.clear();
            states.clear();
        }
        closer.shutdown();
        if (!closer.awaitTermination(CLOSING_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("some record tails were still closing after {} s", CLOSING_WAIT_SECONDS);
        }
    }
}
