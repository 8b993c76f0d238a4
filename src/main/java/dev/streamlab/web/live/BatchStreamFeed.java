package dev.streamlab.web.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.kafka.aggregate.BatchStreamLab;
import dev.streamlab.kafka.aggregate.DemoState;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code running/TOPIC} subject of chapter 1's demo: one state subject per topic however many pages watch it,
 * fed by one watch on {@link BatchStreamLab} (so one consumer), dropped with its last page. Entries: {@code stream}
 * (the running totals), {@code batch} (the last batch result, absent before the first run), {@code trickle} and
 * {@code compare} ({@code staleBy}, {@code matches}).
 */
public final class BatchStreamFeed implements AutoCloseable {
    static final String PREFIX = "running/";

    private final BatchStreamLab lab;
    private final ObjectMapper json;
    private final Map<String, Shared> shared = new HashMap<>();

    private static final class Shared {
        final StateSubject subject;
        BatchStreamLab.Watch watch;
        int holders;

        Shared(StateSubject subject) {
            this.subject = subject;
        }
    }

    public BatchStreamFeed(BatchStreamLab lab, ObjectMapper json) {
        this.lab = Objects.requireNonNull(lab, "lab");
        this.json = Objects.requireNonNull(json, "json");
    }

    synchronized LiveSources.Opened<StateSubject> open(String key) throws LiveRequestException {
        String topic = key.substring(PREFIX.length());
        Shared entry = shared.get(key);
        if (entry == null) {
            entry = new Shared(new StateSubject(key, json, () -> null));
            StateSubject subject = entry.subject;
            try {
                entry.watch = lab.watch(topic, state -> subject.update(entries(state)));
            } catch (ActionException e) {
                throw new LiveRequestException(e.getMessage());
            }
            shared.put(key, entry);
        }
        entry.holders++;
        Shared held = entry;
        return new LiveSources.Opened<>(held.subject, 0, () -> release(key, held));
    }

    private synchronized void release(String key, Shared entry) {
        if (--entry.holders == 0 && shared.get(key) == entry) {
            shared.remove(key);
            entry.watch.close();
        }
    }

    static Map<String, Object> entries(DemoState state) {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("stream", state.stream());
        if (state.batch() != null) {
            entries.put("batch", state.batch());
        }
        entries.put("trickle", state.trickle());
        entries.put("compare", Map.of("staleBy", state.staleBy(), "matches", state.matches()));
        return entries;
    }

    @Override
    public synchronized void close() {
        shared.values().forEach(entry -> entry.watch.close());
        shared.clear();
    }
}
