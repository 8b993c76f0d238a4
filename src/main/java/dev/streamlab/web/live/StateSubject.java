package dev.streamlab.web.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Something a page watches whose state is a set of named entries (a topic's partitions, a group's members...).
 * A client gets a snapshot first, then deltas: the entries whose value changed and the names that went away.
 * Each change makes a new version; deltas are computed once per (from, to) version pair and shared by every client
 * at that version, so fan-out costs one serialization, not one per client.
 */
public final class StateSubject {
    /** Versions kept to compute deltas from; a client further behind gets a fresh snapshot instead. */
    private static final int KEPT_VERSIONS = 16;

    private final String key;
    private final ObjectMapper json;
    private final Supplier<Object> snapshotExtra;
    private final Deque<Version> versions = new ArrayDeque<>();
    private final Map<Long, String> deltaCache = new LinkedHashMap<>();
    private String snapshotCache;
    private final Watchers watchers = new Watchers();

    private record Version(long number, Map<String, Object> entries) {
    }

    /** {@code snapshotExtra} is added to snapshots only (for example a group's lag history), computed when asked. */
    public StateSubject(String key, ObjectMapper json, Supplier<Object> snapshotExtra) {
        this.key = Objects.requireNonNull(key, "key");
        this.json = Objects.requireNonNull(json, "json");
        this.snapshotExtra = Objects.requireNonNull(snapshotExtra, "snapshotExtra");
        versions.add(new Version(0, Map.of()));
    }

    public String key() {
        return key;
    }

    public synchronized long version() {
        return versions.getLast().number();
    }

    /** Makes {@code entries} the new state; no new version when nothing changed. Returns whether it changed. */
    public boolean update(Map<String, ?> entries) {
        Map<String, Object> copy = new LinkedHashMap<>(entries);
        synchronized (this) {
            Version last = versions.getLast();
            if (last.entries().equals(copy)) {
                return false;
            }
            versions.addLast(new Version(last.number() + 1, copy));
            while (versions.size() > KEPT_VERSIONS) {
                versions.removeFirst();
            }
            deltaCache.clear();
            snapshotCache = null;
        }
        watchers.changed();
        return true;
    }

    /**
     * Runs {@code watcher} after each new version, on the thread that made it and outside this subject's lock;
     * closing the result stops it.
     */
    AutoCloseable watch(Runnable watcher) {
        return watchers.add(watcher);
    }

    /** The frame part that brings a client from {@code fromVersion} to now; a snapshot when it is too far behind. */
    synchronized String partSince(long fromVersion) {
        Version now = versions.getLast();
        Version from = versions.stream().filter(v -> v.number() == fromVersion).findFirst().orElse(null);
        if (from == null) {
            return snapshot();
        }
        return deltaCache.computeIfAbsent(fromVersion, f -> delta(from, now));
    }

    synchronized String snapshot() {
        if (snapshotCache == null) {
            Version now = versions.getLast();
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("type", "snapshot");
            part.put("subject", key);
            part.put("version", now.number());
            part.put("entries", now.entries());
            Object extra = snapshotExtra.get();
            if (extra != null) {
                part.put("extra", extra);
            }
            snapshotCache = write(part);
        }
        return snapshotCache;
    }

    private String delta(Version from, Version now) {
        Map<String, Object> changed = new LinkedHashMap<>();
        now.entries().forEach((name, value) -> {
            if (!Objects.equals(from.entries().get(name), value)) {
                changed.put(name, value);
            }
        });
        List<String> removed = from.entries().keySet().stream().filter(name -> !now.entries().containsKey(name)).toList();
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("type", "delta");
        part.put("subject", key);
        part.put("version", now.number());
        part.put("changed", changed);
        part.put("removed", removed);
        return write(part);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + key + " as JSON", e);
        }
    }
}
