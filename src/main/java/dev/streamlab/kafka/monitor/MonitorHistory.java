package dev.streamlab.kafka.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the monitor remembers of each group over the last {@code window}: samples of its generation, members and
 * offsets, and the events found by comparing consecutive reachable snapshots. Thread-safe.
 *
 * <p>Bounds: a sample is recorded when the group changed. A change that is an event or changes the generation or
 * the members always gets its own sample; other changes (offsets moving on, lag) share one sample per
 * {@link #SAMPLE_SPACING}, which holds the newest of them, so the newest sample always shows the group as last seen.
 * Samples and events older than the window are dropped, except a present group's newest sample, which still
 * describes it; each group keeps at most {@code maxSamplesPerGroup} samples and the history at most
 * {@code maxEvents} events, dropping the oldest first.
 *
 * <p>The first reachable snapshot is the baseline and yields no events; a group that appears later is compared
 * with an empty group (its members join), one that disappears with an empty one (its members leave, its
 * committed offsets are deleted).
 */
public final class MonitorHistory {
    /** A group's minor changes (offsets moving on) share one sample per this spacing. */
    public static final Duration SAMPLE_SPACING = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_SAMPLES_PER_GROUP = 2_000;
    public static final int DEFAULT_MAX_EVENTS = 10_000;

    private final Duration window;
    private final int maxSamplesPerGroup;
    private final int maxEvents;
    private final Map<String, Series> samples = new HashMap<>();
    private final Deque<GroupEvent> events = new ArrayDeque<>();
    private final Map<String, GroupState> lastSeen = new HashMap<>();
    private boolean baselineTaken;

    public MonitorHistory(Duration window) {
        this(window, DEFAULT_MAX_SAMPLES_PER_GROUP, DEFAULT_MAX_EVENTS);
    }

    public MonitorHistory(Duration window, int maxSamplesPerGroup, int maxEvents) {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero() || maxSamplesPerGroup < 1 || maxEvents < 1) {
            throw new IllegalArgumentException("history needs a positive window and room for a sample and an event");
        }
        this.window = window;
        this.maxSamplesPerGroup = maxSamplesPerGroup;
        this.maxEvents = maxEvents;
    }

    /** Takes in one snapshot; unreachable ones only age the history, since they hold no news about groups. */
    public synchronized void record(ClusterSnapshot snapshot) {
        if (snapshot.reachable()) {
            Set<String> present = new HashSet<>();
            for (GroupState group : snapshot.groups()) {
                present.add(group.groupId());
                boolean eventful = compare(snapshot.at(), lastSeen.get(group.groupId()), group);
                lastSeen.put(group.groupId(), group);
                samples.computeIfAbsent(group.groupId(), id -> new Series())
                        .add(GroupSample.of(snapshot.at(), group), eventful, maxSamplesPerGroup);
            }
            for (String gone : new ArrayList<>(lastSeen.keySet())) {
                if (!present.contains(gone)) {
                    GroupState before = lastSeen.remove(gone);
                    compare(snapshot.at(), before, empty(gone, before));
                }
            }
            baselineTaken = true;
        }
        prune(snapshot.at());
    }

    /** The group's samples, oldest first; empty for a group never seen or forgotten. */
    public synchronized List<GroupSample> samples(String groupId) {
        Series series = samples.get(groupId);
        return series == null ? List.of() : List.copyOf(series.samples);
    }

    /** The group's events, oldest first. */
    public synchronized List<GroupEvent> events(String groupId) {
        return events.stream().filter(e -> e.groupId().equals(groupId)).toList();
    }

    /** Every event of every group, oldest first. */
    public synchronized List<GroupEvent> events() {
        return List.copyOf(events);
    }

    /** Adds the events between two observations; whether there were any. */
    private boolean compare(Instant at, GroupState before, GroupState after) {
        if (!baselineTaken) {
            return false;
        }
        List<GroupEvent> found = GroupChanges.between(at, before == null ? empty(after.groupId(), null) : before,
                after, before != null);
        found.forEach(this::addEvent);
        return !found.isEmpty();
    }

    private static GroupState empty(String groupId, GroupState like) {
        return new GroupState(groupId, "Dead", like == null ? "classic" : like.type(), "",
                like == null ? 0 : like.generation(), List.of(), List.of());
    }

    private void addEvent(GroupEvent event) {
        events.addLast(event);
        while (events.size() > maxEvents) {
            events.removeFirst();
        }
    }

    private void prune(Instant now) {
        Instant oldest = now.minus(window);
        while (!events.isEmpty() && events.peekFirst().at().isBefore(oldest)) {
            events.removeFirst();
        }
        samples.entrySet().removeIf(entry -> {
            Deque<GroupSample> series = entry.getValue().samples;
            int keep = lastSeen.containsKey(entry.getKey()) ? 1 : 0;
            while (series.size() > keep && series.peekFirst().at().isBefore(oldest)) {
                series.removeFirst();
            }
            return series.isEmpty();
        });
    }

    /** One group's samples, and the one-second slot the newest sample fills when it is a minor change. */
    private static final class Series {
        private final Deque<GroupSample> samples = new ArrayDeque<>();
        private Instant slotOpened;

        void add(GroupSample sample, boolean eventful, int max) {
            GroupSample last = samples.peekLast();
            if (last != null && last.sameContentAs(sample)) {
                return;
            }
            boolean major = last == null || eventful || last.generation() != sample.generation()
                    || !last.memberIds().equals(sample.memberIds());
            if (major) {
                slotOpened = null;
            } else if (slotOpened != null && sample.at().isBefore(slotOpened.plus(SAMPLE_SPACING))) {
                samples.removeLast();
            } else {
                slotOpened = sample.at();
            }
            samples.addLast(sample);
            while (samples.size() > max) {
                samples.removeFirst();
            }
        }
    }
}
