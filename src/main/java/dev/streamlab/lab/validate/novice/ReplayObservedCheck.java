package dev.streamlab.lab.validate.novice;

import dev.streamlab.lab.Submission;
import dev.streamlab.lab.validate.Check;
import dev.streamlab.lab.validate.GroupFacts;
import dev.streamlab.lab.validate.GroupFacts.Group;
import dev.streamlab.lab.validate.GroupFacts.Rewind;
import dev.streamlab.lab.validate.Params;
import dev.streamlab.lab.validate.TopicFacts;
import dev.streamlab.lab.validate.TopicFacts.Partition;
import dev.streamlab.lab.validate.Verdict;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@value #NAME}: while the lab was watching, one of the group's committed offsets on the topic went back (a replay
 * was started) and the group has since read again up to where it went back from, or to the partition's end. The lab
 * sees only replays that happen while it runs and within its monitor's history window; a consumer that seeks back
 * without committing the earlier position leaves nothing on the broker to see.
 */
public final class ReplayObservedCheck implements Check {
    public static final String NAME = "replay-observed";
    static final String NO_REPLAY = "no-replay";
    static final String NOT_CAUGHT_UP = "not-caught-up";

    private final TopicFacts topics;
    private final GroupFacts groups;
    private final Clock clock;

    public ReplayObservedCheck(TopicFacts topics, GroupFacts groups, Clock clock) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Verdict run(Submission submission, Params params) {
        String topic = submission.topic();
        String groupId = submission.group();
        Optional<Group> group = groupId == null ? Optional.empty() : groups.group(groupId);
        if (group.isEmpty()) {
            return Verdict.fail(NO_REPLAY, "Kafka knows no consumer group named " + groupId + ", so nothing was replayed");
        }
        List<Rewind> rewinds = groups.rewinds(groupId).stream().filter(r -> r.topic().equals(topic)).toList();
        if (rewinds.isEmpty()) {
            return Verdict.fail(NO_REPLAY, "the lab has not seen group " + groupId + "'s offsets on " + topic
                    + " go back while it was watching");
        }
        Map<Integer, Long> committed = group.get().committed(topic);
        Map<Integer, Long> ends = topics.topic(topic).map(t -> t.partitions().stream()
                .collect(Collectors.toMap(Partition::partition, Partition::endOffset))).orElse(Map.of());
        Instant now = clock.instant();
        // The newest rewind says most about the group now; an older one that was caught up still proves a replay.
        for (int i = rewinds.size() - 1; i >= 0; i--) {
            Rewind r = rewinds.get(i);
            long at = committed.getOrDefault(r.partition(), -1L);
            long end = ends.getOrDefault(r.partition(), Long.MAX_VALUE);
            if (at >= r.from() || at >= end) {
                return Verdict.pass(wentBack(r, now, groupId), "it has read partition " + r.partition()
                        + " again and now stands at offset " + at);
            }
        }
        Rewind last = rewinds.get(rewinds.size() - 1);
        long at = committed.getOrDefault(last.partition(), -1L);
        return Verdict.fail(NOT_CAUGHT_UP, wentBack(last, now, groupId), "it now stands at "
                + (at < 0 ? "no committed offset" : "offset " + at) + ", short of " + last.from());
    }

    private static String wentBack(Rewind r, Instant now, String groupId) {
        return Texts.ago(r.at(), now) + " group " + groupId + "'s committed offset on " + r.topic() + " partition "
                + r.partition() + " went back from " + r.from() + " to " + r.to();
    }

    @Override
    public Set<String> hintKeys() {
        return Set.of(NO_REPLAY, NOT_CAUGHT_UP);
    }
}
