package dev.streamlab.kafka.actions;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Consumer-group actions: moving a group's committed offsets, as {@code kafka-consumer-groups --reset-offsets} does. */
public final class GroupActions {
    /** The places a reset can move a group to. */
    public static final List<String> TARGETS = List.of("earliest", "latest", "offset", "time");

    private final Cluster cluster;
    private final Function<String, List<String>> demoConsumersOfGroup;

    GroupActions(Cluster cluster, Function<String, List<String>> demoConsumersOfGroup) {
        this.cluster = cluster;
        this.demoConsumersOfGroup = demoConsumersOfGroup;
    }

    /**
     * Commits new offsets for every partition of the topic. Offsets are clamped to what the partition holds
     * ([log start, end]); a time moves to the first record at or after it, or to the end when there is none.
     * A group that does not exist yet is fine: the reset creates its committed offsets.
     *
     * @throws ActionException FORBIDDEN for Kafka's internal topics, BAD_REQUEST for an illegal group or topic name, a missing or unknown target or a missing or bad offset or time,
     *                         NOT_FOUND when the topic does not exist, CONFLICT when the group has active members
     */
    public GroupReset reset(String group, ResetRequest request) {
        if (group == null || group.isBlank()) {
            throw ActionException.badRequest("say which consumer group to reset: the group name is empty.");
        }
        TopicActions.checkGroup(group);
        TopicActions.refuseInternal(request.topic(), "Committing offsets on it would tell Kafka's own readers "
                + "(the group coordinator, transactions) to skip their records");
        String to = request.to();
        if (to == null || !TARGETS.contains(to)) {
            throw ActionException.badRequest((to == null ? "\"to\" is missing" : "\"to\": \"" + to + "\" is not a target")
                    + "; say where the group should resume: \"earliest\", \"latest\", \"offset\" (with \"offset\": 42) "
                    + "or \"time\" (with \"time\": \"2024-11-25T10:20:00Z\" or epoch seconds or millis).");
        }
        checkArguments(to, request);
        Instant time = to.equals("time") ? EventTimes.parse("time", request.time()) : null;
        String topic = request.topic();
        int partitionCount = cluster.partitions(topic);
        requireNoActiveMembers(group);

        List<TopicPartition> partitions = IntStream.range(0, partitionCount)
                .mapToObj(p -> new TopicPartition(topic, p)).toList();
        Map<TopicPartition, Long> start = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> target = switch (to) {
            case "earliest" -> start;
            case "latest" -> end;
            case "offset" -> partitions.stream().collect(Collectors.toMap(tp -> tp,
                    tp -> Math.max(start.get(tp), Math.min(end.get(tp), request.offset()))));
            default -> {
                Map<TopicPartition, Long> atTime = offsets(partitions, OffsetSpec.forTimestamp(time.toEpochMilli()));
                // -1: no record at or after that time, so the group has nothing to re-read: the end.
                yield partitions.stream().collect(Collectors.toMap(tp -> tp,
                        tp -> atTime.get(tp) < 0 ? end.get(tp) : atTime.get(tp)));
            }
        };

        Map<TopicPartition, OffsetAndMetadata> previous = committed(group);
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        target.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
        cluster.await(cluster.admin().alterConsumerGroupOffsets(group, commit).all(), cause ->
                cause instanceof UnknownMemberIdException || cause instanceof GroupNotEmptyException
                        ? ActionException.conflict("group " + group + " got an active member while the lab was "
                        + "resetting it, so Kafka refused; stop the group's consumers first, then reset.")
                        : null);

        List<PartitionOffset> result = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata before = previous.get(tp);
            result.add(new PartitionOffset(tp.partition(), target.get(tp), before == null ? null : before.offset()));
        }
        return new GroupReset(group, topic, to, result);
    }

    private static void checkArguments(String to, ResetRequest request) {
        if (to.equals("offset")) {
            if (request.offset() == null) {
                throw ActionException.badRequest("\"to\": \"offset\" needs the offset too, for example \"offset\": 42 "
                        + "(the same offset on every partition, clamped to what each partition holds).");
            }
            if (request.offset() < 0) {
                throw ActionException.badRequest("offset must be 0 or more, got " + request.offset()
                        + "; use \"to\": \"earliest\" or \"latest\" for the ends of the log.");
            }
        } else if (request.offset() != null) {
            throw ActionException.badRequest("\"offset\" only goes with \"to\": \"offset\", not with \"to\": \"" + to
                    + "\"; leave it out or set \"to\": \"offset\".");
        }
        if (to.equals("time")) {
            if (request.time() == null) {
                throw ActionException.badRequest("\"to\": \"time\" needs the time too, for example \"time\": "
                        + "\"2024-11-25T10:20:00Z\" (or epoch seconds or milliseconds).");
            }
        } else if (request.time() != null) {
            throw ActionException.badRequest("\"time\" only goes with \"to\": \"time\", not with \"to\": \"" + to
                    + "\"; leave it out or set \"to\": \"time\".");
        }
    }

    private void requireNoActiveMembers(String group) {
        Admin admin = cluster.admin();
        ConsumerGroupDescription description = cluster.awaitOrNull(
                admin.describeConsumerGroups(List.of(group)).describedGroups().get(group), GroupIdNotFoundException.class);
        if (description == null || description.groupState() == GroupState.DEAD || description.members().isEmpty()) {
            return;
        }
        Collection<MemberDescription> members = description.members();
        String clientIds = members.stream().map(MemberDescription::clientId).sorted().collect(Collectors.joining(", "));
        List<String> demo = demoConsumersOfGroup.apply(group);
        String hint = demo.isEmpty() ? ""
                : " The lab's own demo consumer" + (demo.size() == 1 ? " " : "s ") + String.join(", ", demo)
                + (demo.size() == 1 ? " is" : " are") + " in this group: press Stop on "
                + (demo.size() == 1 ? "it" : "each") + " under \"Demo consumers inside the lab\" (from a script: "
                + demo.stream().map(id -> "DELETE /api/consumers/" + id).collect(Collectors.joining(", ")) + ").";
        throw ActionException.conflict("group " + group + " still has " + members.size() + " active member(s) (client ids "
                + clientIds + "): stop the group's consumers first, then reset." + hint);
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResultInfo> result = cluster.await(cluster.admin().listOffsets(request).all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets = cluster.awaitOrNull(
                cluster.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                GroupIdNotFoundException.class);
        Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
        if (offsets != null) {
            offsets.forEach((tp, offset) -> {
                if (offset != null) {
                    present.put(tp, offset);
                }
            });
        }
        return present;
    }
}
