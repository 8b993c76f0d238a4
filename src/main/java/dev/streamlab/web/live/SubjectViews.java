package dev.streamlab.web.live;

import dev.streamlab.kafka.monitor.ClusterSnapshot;
import dev.streamlab.kafka.monitor.GroupEvent;
import dev.streamlab.kafka.monitor.GroupOffset;
import dev.streamlab.kafka.monitor.GroupState;
import dev.streamlab.kafka.monitor.MemberState;
import dev.streamlab.kafka.monitor.MonitorHistory;
import dev.streamlab.kafka.monitor.PartitionState;
import dev.streamlab.kafka.monitor.TopicState;
import dev.streamlab.kafka.monitor.TransactionState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What each subject's entries are, as pure functions of a cluster snapshot. Entries are records or maps of plain
 * values so their JSON is the page's contract; times are epoch milliseconds.
 */
final class SubjectViews {
    /** Group events a page is sent; older ones stay in the history for validators. */
    static final int EVENTS_SHOWN = 50;

    private SubjectViews() {
    }

    /** Is Kafka answering: the banner on every page. Until the first poll ({@code checked} false) nobody knows. */
    static Map<String, Object> status(ClusterSnapshot snapshot, String bootstrap, boolean checked) {
        Map<String, Object> broker = new LinkedHashMap<>();
        broker.put("checked", checked);
        broker.put("reachable", checked && snapshot.reachable());
        broker.put("problem", snapshot.problem());
        broker.put("bootstrapServers", bootstrap);
        return Map.of("broker", broker);
    }

    /** Every topic and group in a line each. */
    static Map<String, Object> cluster(ClusterSnapshot snapshot) {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("status", Map.of("reachable", snapshot.reachable()));
        for (TopicState topic : snapshot.topics()) {
            long records = topic.partitions().stream().mapToLong(p -> p.highWatermark() - p.logStartOffset()).sum();
            entries.put("topic:" + topic.name(), new TopicLine("topic", topic.name(), topic.internal(),
                    topic.partitions().size(), records));
        }
        for (GroupState group : snapshot.groups()) {
            List<String> topics = group.offsets().stream().map(GroupOffset::topic).distinct().toList();
            entries.put("group:" + group.groupId(), new GroupLine("group", group.groupId(), group.state(),
                    group.members().size(), group.totalLag(), topics));
        }
        return entries;
    }

    record TopicLine(String kind, String name, boolean internal, int partitions, long records) {
    }

    record GroupLine(String kind, String groupId, String state, int members, long totalLag, List<String> topics) {
    }

    /**
     * A topic's partitions ({@code p0}, {@code p1}...), every group that reads it ({@code group:ID}) and every
     * transaction that wrote to it ({@code tx:ID}).
     */
    static Map<String, Object> topic(ClusterSnapshot snapshot, String name) {
        Map<String, Object> entries = new LinkedHashMap<>();
        TopicState topic = snapshot.topic(name).orElse(null);
        entries.put("meta", new TopicMeta(name, topic != null, topic == null ? 0 : topic.partitions().size(),
                topic != null && topic.internal()));
        if (topic == null) {
            return entries;
        }
        for (PartitionState partition : topic.partitions()) {
            entries.put("p" + partition.partition(), partition);
        }
        for (GroupState group : snapshot.groups()) {
            Map<String, GroupOffsetView> offsets = group.offsets().stream()
                    .filter(o -> o.topic().equals(name))
                    .collect(Collectors.toMap(o -> String.valueOf(o.partition()),
                            o -> new GroupOffsetView(o.committed(), o.lag()), (a, b) -> a, LinkedHashMap::new));
            boolean assigned = group.members().stream()
                    .anyMatch(m -> m.assignment().stream().anyMatch(tp -> tp.topic().equals(name)));
            if (!offsets.isEmpty() || assigned) {
                entries.put("group:" + group.groupId(), new TopicGroupView(group.groupId(), group.state(), group.generation(),
                        offsets));
            }
        }
        for (TransactionState transaction : snapshot.transactions()) {
            if (transaction.partitions().stream().anyMatch(tp -> tp.topic().equals(name))) {
                entries.put("tx:" + transaction.transactionalId(), transaction);
            }
        }
        return entries;
    }

    record TopicMeta(String name, boolean exists, int partitions, boolean internal) {
    }

    record GroupOffsetView(long committed, long lag) {
    }

    record TopicGroupView(String groupId, String state, int generation, Map<String, GroupOffsetView> offsets) {
    }

    /** One group: its state with members and offsets, and what happened to it lately. */
    static Map<String, Object> group(ClusterSnapshot snapshot, MonitorHistory history, String groupId) {
        Map<String, Object> entries = new LinkedHashMap<>();
        snapshot.group(groupId).ifPresent(group -> entries.put("state", new GroupView(group.groupId(), group.state(),
                group.type(), group.protocol(), group.generation(), group.members(), group.offsets(), group.totalLag())));
        List<GroupEvent> events = history.events(groupId);
        entries.put("events", events.subList(Math.max(0, events.size() - EVENTS_SHOWN), events.size()).stream()
                .map(e -> new EventView(e.at().toEpochMilli(), e.kind().name(), e.detail())).toList());
        return entries;
    }

    record GroupView(String groupId, String state, String type, String protocol, int generation, List<MemberState> members,
                     List<GroupOffset> offsets, long totalLag) {
    }

    record EventView(long at, String kind, String detail) {
    }

    /** Sent with a group's snapshot only: its lag over the history window, for the chart. */
    static Map<String, Object> lagHistory(MonitorHistory history, String groupId) {
        return Map.of("samples", history.samples(groupId).stream()
                .map(s -> new LagPoint(s.at().toEpochMilli(), s.totalLag())).toList());
    }

    record LagPoint(long at, long totalLag) {
    }
}
