package dev.streamlab.web.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An append-only stream of records a page watches (a topic's tail). Records are numbered; each client keeps a
 * cursor. The stream keeps only the newest {@code capacity} records: a client that falls further behind skips
 * ahead and is told how many it missed, so a slow client costs memory of nobody.
 */
public final class RecordStream {
    private final String key;
    private final ObjectMapper json;
    private final Object[] ring;
    private long head; // number of records ever appended; the next record's sequence number
    private long problemVersion;
    private String problem;
    /** Parts for the current head, by cursor: clients in step share one serialization. */
    private final Map<Long, String> partCache = new HashMap<>();
    private final Watchers watchers = new Watchers();

    public RecordStream(String key, ObjectMapper json, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.key = Objects.requireNonNull(key, "key");
        this.json = Objects.requireNonNull(json, "json");
        this.ring = new Object[capacity];
    }

    public String key() {
        return key;
    }

    public void append(List<?> records) {
        if (records.isEmpty()) {
            return;
        }
        synchronized (this) {
            for (Object record : records) {
                ring[(int) (head % ring.length)] = record;
                head++;
            }
            partCache.clear();
        }
        watchers.changed();
    }

    /** A one-line problem the page should show for this stream (null clears it). */
    public void problem(String problem) {
        synchronized (this) {
            if (Objects.equals(this.problem, problem)) {
                return;
            }
            this.problem = problem;
            problemVersion++;
        }
        watchers.changed();
    }

    /**
     * Runs {@code watcher} after each append or problem change, on the thread that made it and outside this stream's
     * lock; closing the result stops it.
     */
    AutoCloseable watch(Runnable watcher) {
        return watchers.add(watcher);
    }

    synchronized long head() {
        return head;
    }

    synchronized long problemVersion() {
        return problemVersion;
    }

    synchronized String problemPart() {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("type", "problem");
        part.put("subject", key);
        part.put("problem", problem);
        return write(part);
    }

    /** A frame part and the cursor a client is at once it has it. */
    record Part(String json, long next) {
    }

    /**
     * The records after {@code cursor}, at most {@code max} of them (the newest), as a frame part with the count
     * skipped (json null when there is nothing new). Shared by all clients at the same cursor.
     */
    synchronized Part partSince(long cursor, int max) {
        if (cursor >= head) {
            return new Part(null, cursor);
        }
        String cached = partCache.get(cursor);
        if (cached != null) {
            return new Part(cached, head);
        }
        long from = Math.max(cursor, Math.max(head - ring.length, head - max));
        List<Object> records = new ArrayList<>((int) (head - from));
        for (long seq = from; seq < head; seq++) {
            records.add(ring[(int) (seq % ring.length)]);
        }
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("type", "records");
        part.put("subject", key);
        part.put("skipped", from - cursor);
        part.put("records", records);
        String written = write(part);
        partCache.put(cursor, written);
        return new Part(written, head);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + key + " as JSON", e);
        }
    }
}
