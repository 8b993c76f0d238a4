package dev.streamlab.kafka.monitor;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ClassicGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClassicGroupsOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The consumer groups of a poll: classic groups through DescribeGroups (describeClassicGroups), consumer-protocol
 * groups through ConsumerGroupDescribe (describeConsumerGroups), and every group's committed offsets in one call.
 * Asking each kind with its own API saves describeConsumerGroups' fallback for classic groups, which waits
 * retry.backoff.ms (100 ms) before it asks again with the old API, on every poll.
 *
 * <p>A group that vanished between listing and describing is left out. A group whose description or offsets
 * came back with another error keeps its previous state for this poll (a group that flickered out of a snapshot
 * would look as if its members left and its offsets were deleted).
 */
final class GroupReader {
    private final Admin admin;
    private final Answers answers;
    private final int timeoutMs;
    private final ObservedGenerations generations = new ObservedGenerations();

    GroupReader(Admin admin, Answers answers, MonitorSettings settings) {
        this.admin = admin;
        this.answers = answers;
        this.timeoutMs = settings.callTimeoutMs();
    }

    /** Sends the calls for the listed groups; {@link #read} waits for their answers. */
    Pending ask(Collection<GroupListing> listings) {
        List<String> classic = new ArrayList<>();
        List<String> modern = new ArrayList<>();
        for (GroupListing listing : listings) {
            (listing.type().orElse(GroupType.UNKNOWN) == GroupType.CLASSIC ? classic : modern).add(listing.groupId());
        }
        List<String> all = listings.stream().map(GroupListing::groupId).sorted().toList();
        if (all.isEmpty()) {
            return new Pending(all, Map.of(), Map.of(), null);
        }
        Map<String, KafkaFuture<ClassicGroupDescription>> classicAnswers = classic.isEmpty() ? Map.of()
                : admin.describeClassicGroups(classic, new DescribeClassicGroupsOptions().timeoutMs(timeoutMs))
                .describedGroups();
        Map<String, KafkaFuture<ConsumerGroupDescription>> modernAnswers = describeConsumerGroups(modern);
        ListConsumerGroupOffsetsResult committed = admin.listConsumerGroupOffsets(
                all.stream().collect(Collectors.toMap(Function.identity(), id -> new ListConsumerGroupOffsetsSpec())),
                new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs));
        return new Pending(all, classicAnswers, modernAnswers, committed);
    }

    /** The groups, sorted by id, with offsets against {@code topics}; {@code previous} stands in on errors. */
    List<GroupState> read(Pending pending, Map<String, TopicState> topics, List<GroupState> previous)
            throws PollFailure, InterruptedException {
        Map<String, Conversions.Described> described = new HashMap<>();
        List<String> retry = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<ClassicGroupDescription>> entry : pending.classic().entrySet()) {
            Answers.Answer<ClassicGroupDescription> answer = answers.answer(entry.getValue(), "describeClassicGroups");
            if (answer.error() == null) {
                described.put(entry.getKey(), Conversions.Described.of(answer.value()));
            } else {
                // Perhaps no longer classic (a consumer-protocol member upgraded it): the other API knows both.
                retry.add(entry.getKey());
            }
        }
        Map<String, KafkaFuture<ConsumerGroupDescription>> modern = new HashMap<>(pending.modern());
        modern.putAll(describeConsumerGroups(retry));

        Map<String, GroupState> before = previous.stream()
                .collect(Collectors.toMap(GroupState::groupId, Function.identity()));
        List<GroupState> groups = new ArrayList<>();
        for (String groupId : pending.groupIds()) {
            if (!described.containsKey(groupId)) {
                Answers.Answer<ConsumerGroupDescription> answer = answers.answer(modern.get(groupId),
                        "describeConsumerGroups");
                if (answer.error() == null) {
                    described.put(groupId, Conversions.Described.of(answer.value()));
                } else if (!(answer.error() instanceof GroupIdNotFoundException)) {
                    answers.unexpected("describeConsumerGroups", answer.error());
                    keep(before.get(groupId), groups);
                    continue;
                } else {
                    continue;
                }
            }
            Answers.Answer<Map<TopicPartition, OffsetAndMetadata>> committed = answers.answer(
                    pending.committed().partitionsToOffsetAndMetadata(groupId), "listConsumerGroupOffsets");
            if (committed.error() != null && !(committed.error() instanceof GroupIdNotFoundException)) {
                answers.unexpected("listConsumerGroupOffsets", committed.error());
                keep(before.get(groupId), groups);
                continue;
            }
            Conversions.Described group = described.get(groupId);
            int generation = generations.generation(groupId, group.epoch(), group.state(), group.assignment());
            groups.add(Conversions.group(group, committed.value() == null ? Map.of() : committed.value(), topics,
                    generation));
        }
        generations.retain(groups.stream().map(GroupState::groupId).collect(Collectors.toSet()));
        return groups;
    }

    private Map<String, KafkaFuture<ConsumerGroupDescription>> describeConsumerGroups(List<String> groupIds) {
        return groupIds.isEmpty() ? Map.of() : admin.describeConsumerGroups(groupIds,
                new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs)).describedGroups();
    }

    private static void keep(GroupState previous, List<GroupState> groups) {
        if (previous != null) {
            groups.add(previous);
        }
    }

    /** The calls in flight for one poll's groups. */
    record Pending(List<String> groupIds, Map<String, KafkaFuture<ClassicGroupDescription>> classic,
                   Map<String, KafkaFuture<ConsumerGroupDescription>> modern, ListConsumerGroupOffsetsResult committed) {
    }
}
