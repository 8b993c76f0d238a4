package dev.streamlab.web.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.monitor.ClusterMonitor;
import dev.streamlab.kafka.monitor.ClusterSnapshot;
import dev.streamlab.kafka.tail.Isolation;
import dev.streamlab.kafka.tail.LiveTails;
import dev.streamlab.kafka.tail.RecordTail;
import dev.streamlab.kafka.tail.StartPosition;
import dev.streamlab.kafka.tail.TailException;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The hub's subjects, fed by Kafka: state subjects are recomputed from each monitor snapshot; a topic's live records
 * come from one shared tail per (topic, isolation), however many pages watch; a replay gets a tail of its own.
 * Subjects nobody watches any more are dropped, and their tails closed. Chapter 1's {@code running/TOPIC} subjects
 * come from {@link BatchStreamFeed}, which shares them the same way.
 */
public final class KafkaSubjects implements LiveSources, AutoCloseable {
    /** Records a live stream keeps for clients that fall behind; what a page joining late sees first is less. */
    static final int LIVE_CAPACITY = 2000;
    static final int REPLAY_CAPACITY = 5000;
    /** A page opening a topic sees this many of its latest records at once. */
    static final int BACKLOG_SHOWN = 60;

    private final ClusterMonitor monitor;
    private final LiveTails tails;
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

    /** A subject and how many clients hold it. */
    private static final class Shared<T> {
        final T subject;
        final AutoCloseable onLastRelease;
        int holders;

        Shared(T subject, AutoCloseable onLastRelease) {
            this.subject = subject;
            this.onLastRelease = onLastRelease;
        }
    }

    public KafkaSubjects(ClusterMonitor monitor, LiveTails tails, KafkaClients clients,
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
    public synchronized Opened<StateSubject> state(String key) throws LiveRequestException {
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
                if (key.startsWith(BatchStreamFeed.PREFIX)) {
                    return running.open(key);
                }
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
            return new Shared<>(subject, () -> { });
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

    private synchronized Opened<RecordStream> live(String topic, Isolation isolation) throws LiveRequestException {
        String key = "records/" + isolation.kafkaName() + "/" + topic;
        Shared<RecordStream> shared = streams.get(key);
        if (shared == null) {
            RecordStream stream = new RecordStream(key, json, LIVE_CAPACITY);
            AutoCloseable subscription = open(() -> tails.subscribe(topic, isolation, batch -> stream.append(batch.records()),
                    stream::problem));
            shared = new Shared<>(stream, subscription);
            streams.put(key, shared);
        }
        Opened<RecordStream> held = hold(streams, key, shared);
        long head = held.subject().head();
        return new Opened<>(held.subject(), Math.max(0, head - BACKLOG_SHOWN), held.release());
    }

    private Opened<RecordStream> replay(String topic, Isolation isolation, StartPosition start) throws LiveRequestException {
        RecordStream stream = new RecordStream("records/" + isolation.kafkaName() + "/" + topic + "@" + start.text(),
                json, REPLAY_CAPACITY);
        AutoCloseable tail = open(() -> RecordTail.open(clients, topic, isolation, start,
                batch -> stream.append(batch.records()), stream::problem));
        return new Opened<>(stream, 0, tail);
    }

    private static AutoCloseable open(Supplier<AutoCloseable> opener) throws LiveRequestException {
        try {
            return opener.get();
        } catch (TailException e) {
            throw new LiveRequestException(e.getMessage());
        }
    }

    private <T> Opened<T> hold(Map<String, Shared<T>> registry, String key, Shared<T> shared) {
        shared.holders++;
        return new Opened<>(shared.subject, 0, () -> release(registry, key, shared));
    }

    private synchronized <T> void release(Map<String, Shared<T>> registry, String key, Shared<T> shared) {
        if (--shared.holders == 0 && registry.get(key) == shared) {
            registry.remove(key);
            try {
                shared.onLastRelease.close();
            } catch (Exception ignored) {
                // a tail that fails to close is gone anyway
            }
        }
    }

    @Override
    public void close() throws Exception {
        listener.close();
        running.close();
        synchronized (this) {
            for (Shared<RecordStream> shared : streams.values()) {
                shared.onLastRelease.close();
            }
            streams.clear();
            states.clear();
        }
    }
}
