package dev.streamlab.lab.validate.novice;

import dev.streamlab.lab.Submission;
import dev.streamlab.lab.validate.Check;
import dev.streamlab.lab.validate.GroupFacts;
import dev.streamlab.lab.validate.GroupFacts.Group;
import dev.streamlab.lab.validate.GroupFacts.Sample;
import dev.streamlab.lab.validate.Params;
import dev.streamlab.lab.validate.RecordFacts;
import dev.streamlab.lab.validate.RecordFacts.Seen;
import dev.streamlab.lab.validate.TopicFacts;
import dev.streamlab.lab.validate.TopicFacts.Partition;
import dev.streamlab.lab.validate.TopicFacts.Topic;
import dev.streamlab.lab.validate.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@value #NAME}: the submission's group has committed offsets on the topic and they reach the end of every
 * partition that holds records, so the group has read everything the topic holds.
 *
 * <p>The limit, stated plainly: Kafka keeps where a group <em>stands</em>, not where it <em>began</em>. A consumer
 * that joins with {@code auto_offset_reset="latest"} after all records were written, and commits the end of each
 * partition without reading anything, leaves exactly the offsets an {@code "earliest"} consumer leaves after
 * reading everything. This check therefore passes both, and says so in its evidence unless the lab's own history
 * rules "latest" out (it saw the group stand at a partition's first offset, or the group existed before the
 * partition's first record). It names {@value #LATEST} only where the difference shows: a partition whose records
 * were all written before the lab first saw the group, on which the group never committed anything, as a "latest"
 * consumer that commits only what it processed leaves it.
 */
public final class GroupReadFromEarliestCheck implements Check {
    public static final String NAME = "group-read-from-earliest";
    static final String NO_GROUP = "no-group";
    static final String NO_OFFSETS = "no-offsets-on-topic";
    static final String NOT_TO_THE_END = "not-to-the-end";
    static final String LATEST = "latest";
    static final String BEYOND_END = "beyond-end";

    private final TopicFacts topics;
    private final RecordFacts records;
    private final GroupFacts groups;

    public GroupReadFromEarliestCheck(TopicFacts topics, RecordFacts records, GroupFacts groups) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.records = Objects.requireNonNull(records, "records");
        this.groups = Objects.requireNonNull(groups, "groups");
    }

    @Override
    public Verdict run(Submission submission, Params params) {
        String topicName = submission.topic();
        String groupId = submission.group();
        if (groupId == null) {
            return Verdict.fail(NO_GROUP, "no consumer group was named");
        }
        Optional<Group> group = groups.group(groupId);
        if (group.isEmpty()) {
            return Verdict.fail(NO_GROUP, "Kafka knows no consumer group named " + groupId);
        }
        Optional<Topic> topic = topics.topic(topicName);
        if (topic.isEmpty()) {
            return Verdict.fail(NO_OFFSETS, "there is no topic named " + topicName);
        }
        Map<Integer, Long> committed = group.get().committed(topicName);
        if (committed.isEmpty()) {
            return Verdict.fail(NO_OFFSETS, noOffsets(group.get(), topicName));
        }

        List<String> beyond = new ArrayList<>();
        List<Partition> uncovered = new ArrayList<>();
        List<String> behind = new ArrayList<>();
        List<String> standing = new ArrayList<>();
        for (Partition p : topic.get().partitions()) {
            Long offset = committed.get(p.partition());
            if (offset != null && offset > p.endOffset()) {
                beyond.add("group " + groupId + " stands at offset " + offset + " on partition " + p.partition()
                        + ", which ends at " + p.endOffset());
            } else if (p.endOffset() > p.logStart()) {
                if (offset == null) {
                    uncovered.add(p);
                } else if (offset < p.endOffset()) {
                    behind.add("group " + groupId + " stands at offset " + offset + " on partition " + p.partition()
                            + ", which ends at " + p.endOffset() + ": " + Texts.count(p.endOffset() - offset, "record")
                            + " not read");
                } else {
                    standing.add("p" + p.partition() + " at " + offset + " of " + p.endOffset());
                }
            }
        }
        if (!beyond.isEmpty()) {
            return Verdict.fail(BEYOND_END, beyond);
        }
        if (!uncovered.isEmpty()) {
            return uncovered(groupId, topicName, uncovered, behind);
        }
        if (!behind.isEmpty()) {
            return Verdict.fail(NOT_TO_THE_END, behind);
        }
        if (standing.isEmpty()) {
            return Verdict.fail(NOT_TO_THE_END, topicName + " has no records for group " + groupId + " to read");
        }
        return Verdict.pass("group " + groupId + " has read " + topicName + " to the end: " + Texts.list(standing),
                start(groupId, topicName, topic.get()));
    }

    private static String noOffsets(Group group, String topic) {
        Set<String> elsewhere = new TreeSet<>();
        group.committed().keySet().forEach(tp -> elsewhere.add(tp.substring(0, tp.lastIndexOf('-'))));
        String state = " (" + group.state() + ", " + Texts.count(group.members(), "member") + ")";
        return elsewhere.isEmpty()
                ? "group " + group.id() + " exists" + state + " but has committed no offsets at all"
                : "group " + group.id() + " has committed offsets on " + Texts.list(List.copyOf(elsewhere))
                + " but none on " + topic;
    }

    /** Partitions with records and no committed offset: "latest" when every one of their records predates the group. */
    private Verdict uncovered(String groupId, String topic, List<Partition> uncovered, List<String> behind) {
        Optional<Instant> firstSeen = groups.history(groupId).stream().map(Sample::at).findFirst();
        List<String> evidence = new ArrayList<>();
        boolean allOlder = firstSeen.isPresent();
        List<Seen> all = firstSeen.isPresent() ? records.records(topic, false) : List.of();
        for (Partition p : uncovered) {
            long held = p.endOffset() - p.logStart();
            boolean older = firstSeen.isPresent() && all.stream().filter(r -> r.partition() == p.partition())
                    .allMatch(r -> r.timestamp() < firstSeen.get().toEpochMilli());
            allOlder &= older;
            evidence.add("group " + groupId + " has no committed offset on partition " + p.partition() + ", which holds "
                    + Texts.count(held, "record") + (older ? ", all written before the lab first saw the group" : ""));
        }
        evidence.addAll(behind);
        return Verdict.fail(allOlder ? LATEST : NOT_TO_THE_END, evidence);
    }

    /** The strongest thing the lab can say about where the group began reading. */
    private String start(String groupId, String topicName, Topic topic) {
        List<Sample> history = groups.history(groupId);
        if (history.isEmpty()) {
            return "Kafka keeps where a group stands, not where it began, and the lab did not see this group "
                    + "start: make sure your consumer printed offset 0 first";
        }
        Instant firstSeen = history.get(0).at();
        List<Seen> all = records.records(topicName, false);
        for (Partition p : topic.partitions()) {
            if (p.endOffset() == p.logStart()) {
                continue;
            }
            String key = topicName + "-" + p.partition();
            boolean sawAtStart = history.stream().anyMatch(s -> Long.valueOf(p.logStart()).equals(s.committed().get(key)));
            boolean cameLater = all.stream().filter(r -> r.partition() == p.partition())
                    .allMatch(r -> r.timestamp() >= firstSeen.toEpochMilli());
            if (!sawAtStart && !cameLater) {
                return "Kafka keeps where a group stands, not where it began: a consumer that started at the latest "
                        + "offset after the records were written would stand at the end too, so make sure yours "
                        + "printed offset 0 first";
            }
        }
        return "the lab saw the group read every partition from its first record";
    }

    @Override
    public Set<String> hintKeys() {
        return Set.of(NO_GROUP, NO_OFFSETS, NOT_TO_THE_END, LATEST, BEYOND_END);
    }
}
