package dev.streamlab.kafka.monitor;

import dev.streamlab.kafka.monitor.GroupEvent.Kind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The events between two observations of one group, each told in a sentence a learner can act on. */
final class GroupChanges {
    private GroupChanges() {
    }

    /**
     * Members that joined or left, a generation change (only when {@code beforeWasSeen}: a group's first
     * appearance is not a rebalance), committed offsets that went back (a reset) or disappeared.
     */
    static List<GroupEvent> between(Instant at, GroupState before, GroupState after, boolean beforeWasSeen) {
        List<GroupEvent> events = new ArrayList<>();
        members(at, before, after, events);
        if (beforeWasSeen && before.generation() != after.generation()) {
            events.add(new GroupEvent(at, after.groupId(), Kind.REASSIGNED, "group " + after.groupId()
                    + " rebalanced (generation " + before.generation() + " -> " + after.generation() + "): "
                    + assignment(after), null, -1, before.generation(), after.generation()));
        }
        offsets(at, before, after, events);
        return events;
    }

    private static void members(Instant at, GroupState before, GroupState after, List<GroupEvent> events) {
        Set<String> was = ids(before);
        Set<String> is = ids(after);
        for (MemberState member : before.members()) {
            if (!is.contains(member.memberId())) {
                events.add(new GroupEvent(at, after.groupId(), Kind.MEMBER_LEFT, "member " + describe(member)
                        + " left group " + after.groupId() + ", which now has " + count(is.size()), null, -1,
                        was.size(), is.size()));
            }
        }
        for (MemberState member : after.members()) {
            if (!was.contains(member.memberId())) {
                events.add(new GroupEvent(at, after.groupId(), Kind.MEMBER_JOINED, "member " + describe(member)
                        + " joined group " + after.groupId() + ", which now has " + count(is.size()), null, -1,
                        was.size(), is.size()));
            }
        }
    }

    private static void offsets(Instant at, GroupState before, GroupState after, List<GroupEvent> events) {
        Map<TopicPartitionRef, GroupOffset> now = after.offsets().stream()
                .collect(Collectors.toMap(GroupOffset::topicPartition, Function.identity()));
        for (GroupOffset old : before.offsets()) {
            if (old.committed() < 0) {
                continue;
            }
            GroupOffset current = now.get(old.topicPartition());
            long committed = current == null ? -1 : current.committed();
            if (committed < 0) {
                events.add(new GroupEvent(at, after.groupId(), Kind.OFFSETS_DELETED, "committed offset of "
                        + old.topicPartition() + " (was " + old.committed() + ") is gone: group " + after.groupId()
                        + " or its offsets were deleted, or the topic was", old.topic(), old.partition(),
                        old.committed(), -1));
            } else if (committed < old.committed()) {
                events.add(new GroupEvent(at, after.groupId(), Kind.OFFSETS_RESET, "committed offset of "
                        + old.topicPartition() + " went back from " + old.committed() + " to " + committed
                        + ": the group's offsets were reset and it will re-read", old.topic(), old.partition(),
                        old.committed(), committed));
            }
        }
    }

    private static String assignment(GroupState group) {
        if (group.members().isEmpty()) {
            return "no members, no partitions assigned";
        }
        Map<String, Long> clientIds = group.members().stream()
                .collect(Collectors.groupingBy(MemberState::clientId, HashMap::new, Collectors.counting()));
        return group.members().stream().map(m -> (clientIds.get(m.clientId()) == 1 ? m.clientId() : m.memberId())
                        + " has " + (m.assignment().isEmpty() ? "nothing"
                        : m.assignment().stream().map(TopicPartitionRef::toString).collect(Collectors.joining(", "))))
                .collect(Collectors.joining("; "));
    }

    private static String describe(MemberState member) {
        return member.memberId() + " (client " + member.clientId() + " on " + member.host() + ")";
    }

    private static String count(int members) {
        return members == 1 ? "1 member" : members + " members";
    }

    private static Set<String> ids(GroupState group) {
        return group.members().stream().map(MemberState::memberId).collect(Collectors.toSet());
    }
}
